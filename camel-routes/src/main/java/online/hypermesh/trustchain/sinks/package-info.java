/**
 * Delivery of the audit trail to outside systems (SIEM, later others) through a transactional
 * outbox: the audit chain itself ({@code audit_chain}, each event committed in the transaction of
 * what it records) read by a cursor per sink. {@code outbox} is the store, {@code delivery} the
 * at-least-once loop and its Camel routes, {@code syslog} and {@code cef} the SIEM sink's formats
 * and transport. No Jakarta EE here: the deployment owns the CamelContext and the DataSource.
 */
package online.hypermesh.trustchain.sinks;
