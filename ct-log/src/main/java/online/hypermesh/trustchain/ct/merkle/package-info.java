/** The RFC 6962 / RFC 9162 Merkle tree of the CT log: hashing, tree heads, compact range, proof generation and verification. */
package online.hypermesh.trustchain.ct.merkle;
