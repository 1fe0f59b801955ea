package online.hypermesh.trustchain.ca.domain;

import online.hypermesh.trustchain.core.crypto.KeyType;

/**
 * A CA as stored. {@code region} is null for the root.
 *
 * @param certificate DER
 * @param successorId the authority that took over at a key rollover, or null
 */
public record AuthorityRecord(String id, String parentId, String region, String keyAlias, KeyType keyType,
                              byte[] certificate, AuthorityStatus status, String successorId) {
    /** A new authority: no successor yet. */
    public AuthorityRecord(String id, String parentId, String region, String keyAlias, KeyType keyType, byte[] certificate,
                           AuthorityStatus status) {
        this(id, parentId, region, keyAlias, keyType, certificate, status, null);
    }
}
