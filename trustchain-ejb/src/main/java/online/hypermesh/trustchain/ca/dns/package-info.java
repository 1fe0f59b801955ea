/**
 * The mesh zone served from inside the deployment: AAAA records kept in the database, TLSA records
 * following the server/service certificates (issued, revoked, released, expired), CAA naming this CA,
 * answered over classic DNS (UDP/TCP) and DNS-over-QUIC by the {@code doq} library.
 */
package online.hypermesh.trustchain.ca.dns;
