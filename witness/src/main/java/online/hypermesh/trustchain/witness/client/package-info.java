/**
 * The log's side of witnessing: the configured witnesses, the tlog-witness client, the round that
 * sends each new checkpoint to every witness in parallel with a consistency proof from the size
 * that witness last acknowledged, the quorum a checkpoint needs to count as confirmed, and the
 * per-witness health a log reports. Pure Java; the deployment supplies the store (V12).
 */
package online.hypermesh.trustchain.witness.client;
