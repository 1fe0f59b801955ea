/** The CMP edge (RFC 6712 HTTP transfer at /pkix/) and the endpoint that makes CMP shared secrets. */
package online.hypermesh.trustchain.web.cmp;
