/**
 * The tamper-evident audit trail's own rules, without a database: the canonical form of an event,
 * the hash chain over events, the signed checkpoint of its head, and the export bundle with its
 * offline verifier.
 */
package online.hypermesh.trustchain.core.audit;
