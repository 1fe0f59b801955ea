/** Start-up in order: schema migration, CA hierarchy and admin token on first start, TLS listener certificate. */
package online.hypermesh.trustchain.ca.bootstrap;
