/** The TLS presentation language (RFC 8446 section 3) as RFC 6962 uses it: big-endian integers and length-prefixed vectors, written and read with bounds checks. */
package online.hypermesh.trustchain.ct.tls;
