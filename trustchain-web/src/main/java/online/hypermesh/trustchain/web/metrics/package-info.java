/** HTTP figures of the edges, for the availability alert: responses by endpoint family and status. */
package online.hypermesh.trustchain.web.metrics;
