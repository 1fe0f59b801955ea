package online.hypermesh.trustchain.ca.domain;

import online.hypermesh.trustchain.core.crypto.KeyType;

/**
 * A CA as stored. {@code region} is null for the root.
 *
 * @param certificate DER
 */
public record AuthorityRecord(String id, String parentId, String region, String keyAlias, KeyType keyType,
                              byte[] certificate, AuthorityStatus status) {
}
