/**
 * The monitor for relying parties: follows the log's checkpoint and what each witness cosigned,
 * checks every checkpoint signed with the log's key against the others (consistency proofs from
 * the log for different sizes, identity for equal ones), and reports a split view with both signed
 * checkpoints as evidence.
 */
package online.hypermesh.trustchain.witness.monitor;
