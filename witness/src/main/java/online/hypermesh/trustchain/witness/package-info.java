/**
 * The witness: a small process, without WildFly, that cosigns the CT log's checkpoints per C2SP
 * tlog-witness and tlog-cosignature v1. It keeps, for each log it knows, only the latest
 * checkpoint it cosigned (on disk, replaced atomically) and grows it only along a verified RFC
 * 9162 consistency proof, so it never signs two different trees of one size. Checkpoints it
 * refuses for a conflict, validly signed by the log, are kept as evidence of a split view.
 */
package online.hypermesh.trustchain.witness;
