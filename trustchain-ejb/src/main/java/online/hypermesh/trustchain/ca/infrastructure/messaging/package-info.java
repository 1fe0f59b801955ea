/**
 * Event sinks in the deployment: the CamelContext that runs camel-routes' outbox routes, started
 * only when a sink is configured.
 */
package online.hypermesh.trustchain.ca.infrastructure.messaging;
