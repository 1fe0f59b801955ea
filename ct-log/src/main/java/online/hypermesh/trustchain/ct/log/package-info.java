/**
 * The log itself: a single {@link online.hypermesh.trustchain.ct.log.Sequencer} per log that
 * integrates pooled submissions in batches, each committed in one database transaction before
 * any SCT is returned; leadership through a PostgreSQL advisory lock; the storage ports and their
 * JDBC implementation; and {@link online.hypermesh.trustchain.ct.log.LogReader} for the RFC 6962
 * and static-ct-api read paths.
 */
package online.hypermesh.trustchain.ct.log;
