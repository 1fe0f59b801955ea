/** Typed configuration read from system properties and environment, validated at start-up. */
package online.hypermesh.trustchain.ca.config;
