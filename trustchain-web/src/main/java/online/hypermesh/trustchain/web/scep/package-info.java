/** The SCEP edge (RFC 8894) at /scep: operations in, SCEP's own answers out; all of SCEP itself is in ca.scep and bridge.scep. */
package online.hypermesh.trustchain.web.scep;
