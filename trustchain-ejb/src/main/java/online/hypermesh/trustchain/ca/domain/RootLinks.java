package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;
import java.util.List;

/**
 * Link certificates between roots (V35): at a root rollover the old root certifies the new root's
 * key, so that a relying party that trusts only the old root still validates the new chains.
 * Every method runs on the caller's transaction.
 */
public interface RootLinks {
    /** One link: the old root {@code issuerId} certifies the new root {@code subjectId}. */
    record RootLink(String serialHex, String issuerId, String subjectId, byte[] der, Instant notBefore, Instant notAfter, String subject) {
    }

    /** Stores the link as an issued certificate (its serial reserved and settled) and as a link between the two roots. */
    void add(RootLink link, Instant now);

    /** The links that certify root {@code subjectId} and are valid at {@code now} (not revoked, not expired), newest first. */
    List<RootLink> certifying(String subjectId, Instant now);
}
