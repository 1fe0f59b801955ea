/** RFC 6962 section 3 log entries in their TLS encodings (MerkleTreeLeaf, TimestampedEntry, PreCert, extra_data) and the static-ct-api TileLeaf and leaf_index extension. */
package online.hypermesh.trustchain.ct.entry;
