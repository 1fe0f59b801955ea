/**
 * Issuance policy that needs no server: which names an account's authorization covers (DNS
 * names, IP addresses, URIs). Pure functions, unit-tested at their edges.
 */
package online.hypermesh.trustchain.core.policy;
