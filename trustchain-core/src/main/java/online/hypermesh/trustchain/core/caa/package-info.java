/**
 * DNS Certification Authority Authorization (RFC 8659) without DNS: the property syntax, the
 * relevant RRset found by climbing the tree, and whether it lets this CA issue. Where the records
 * come from (the mesh zone, a forwarding resolver) is the caller's {@link CaaSource}.
 */
package online.hypermesh.trustchain.core.caa;
