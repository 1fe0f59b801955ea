/**
 * Operations metrics: Micrometer meters in the registry of WildFly's micrometer subsystem, which
 * serves them in the Prometheus format at {@code /metrics} on the management interface. Every
 * label comes from a small closed set (profile, issuer, outcome, reason, transport, rcode), never
 * from a serial number or a name, so the number of series stays bounded. The names are listed in
 * {@code deploy/prometheus/metrics.txt}, which the alert rules, the dashboard and their tests use.
 */
package online.hypermesh.trustchain.ca.metrics;
