package online.hypermesh.trustchain.ca.api;

/**
 * What /log.json publishes (the fields of a CT log list v3 log entry) plus the get-entries cap.
 *
 * @param description human-readable name
 * @param logId       base64 SHA-256 of the DER SubjectPublicKeyInfo
 * @param key         base64 DER SubjectPublicKeyInfo
 * @param url         submission prefix, ending in a slash
 * @param mmdSeconds  maximum merge delay promised (entries are in a signed tree head before their SCT is returned)
 */
public record LogDescription(String description, String logId, String key, String url, int mmdSeconds, int maxEntriesPerRequest) {
}
