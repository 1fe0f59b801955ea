package online.hypermesh.trustchain.ca.domain;

import java.io.IOException;

import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.IssuingAuthority;

/**
 * A CA as stored. {@code region} is null for the root.
 *
 * @param certificate DER
 * @param successorId the authority that took over at a key rollover, or null
 */
public record AuthorityRecord(String id, String parentId, String region, String keyAlias, KeyType keyType,
                              byte[] certificate, AuthorityStatus status, String successorId) {
    /** A newly created authority as it is first stored: active, no successor. */
    public static AuthorityRecord newActive(IssuingAuthority authority, String parentId,
                                            String region) {
        try {
            return new AuthorityRecord(authority.id(), parentId, region, authority.keyAlias(), authority.keyType(),
                    authority.certificate().getEncoded(), AuthorityStatus.ACTIVE);
        } catch (IOException e) {
            throw TrustChainException.internal("cannot encode CA certificate", e);
        }
    }

    /** A new authority: no successor yet. */
    public AuthorityRecord(String id, String parentId, String region, String keyAlias, KeyType keyType, byte[] certificate,
                           AuthorityStatus status) {
        this(id, parentId, region, keyAlias, keyType, certificate, status, null);
    }
}
