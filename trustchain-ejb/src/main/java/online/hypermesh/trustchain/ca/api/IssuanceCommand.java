package online.hypermesh.trustchain.ca.api;

/**
 * One issuance request, whatever edge it came through (REST JSON, REST PKCS#10, later SCEP,
 * EST, CMP, ACME).
 *
 * @param csr           the CSR bytes, PEM or DER
 * @param profile       server, client or service; null means server
 * @param validityHours null means the profile default (24 hours)
 * @param region        null means this node's region
 */
public record IssuanceCommand(byte[] csr, String profile, Integer validityHours, String region, Caller caller) {
}
