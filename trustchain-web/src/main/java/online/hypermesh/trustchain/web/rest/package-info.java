/** Jakarta REST resources: the REST v1 API on 8443, health, and CA certificates for relying parties. */
package online.hypermesh.trustchain.web.rest;
