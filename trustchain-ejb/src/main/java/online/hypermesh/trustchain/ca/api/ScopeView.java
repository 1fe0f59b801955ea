package online.hypermesh.trustchain.ca.api;

/**
 * One name scope: {@code type} "dns" (with {@code subdomains} and {@code wildcard}), "ip" (a CIDR
 * prefix) or "uri" (a URI prefix).
 */
public record ScopeView(String type, String value, boolean subdomains, boolean wildcard) {
}
