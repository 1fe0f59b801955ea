package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Imported enterprise CAs (trust anchors) and the cross certificates between them and this CA's
 * root (V30). Not {@link TrustAnchorStore}, which publishes this CA's own roots as files.
 *
 * <p>Durability: every write joins the caller's JTA transaction, so an import, a deactivation or a
 * cross certificate commits together with its audit event or not at all. Rows are never deleted.
 *
 * <p>Concurrency: at most one active anchor per root certificate is kept by a unique index; of two
 * concurrent imports of one root, the second gets CONFLICT when the first commits.
 */
public interface TrustAnchorRepository {

    /** Purposes an anchor can serve (the values stored in trust_anchor.purposes). */
    String CT = "ct";
    String CLIENT_AUTH = "client-auth";
    String CROSS_CERTIFICATION = "cross-certification";
    List<String> PURPOSES = List.of(CT, CLIENT_AUTH, CROSS_CERTIFICATION);

    /**
     * @param certificates DER, the root first, then the intermediates
     * @throws online.hypermesh.trustchain.core.error.TrustChainException CONFLICT if an active anchor has the same root
     */
    StoredAnchor add(String name, List<byte[]> certificates, List<String> purposes, Instant at, String by);

    /** Every anchor, active and inactive, oldest first. */
    List<StoredAnchor> list();

    Optional<StoredAnchor> find(long id);

    /** Deactivates it; false if it was inactive already. */
    boolean deactivate(long id, Instant at, String by);

    /** The active anchors that serve {@code purpose}, oldest first. */
    List<StoredAnchor> active(String purpose);

    /** DER roots of the active anchors that serve {@code purpose}. */
    List<byte[]> activeRoots(String purpose);

    /**
     * Stores a cross certificate this CA's root issued: the serial's reservation (settled as
     * issued), its row in {@code certificate} (profile {@value #CROSS_PROFILE}, so it is found,
     * revoked and put on the root's CRL like any other), and its link to the anchor.
     */
    void addIssued(long anchorId, IssuedCross issued, Instant at, String by);

    /**
     * Stores a cross certificate the enterprise CA issued for this CA's root.
     *
     * @throws online.hypermesh.trustchain.core.error.TrustChainException CONFLICT if it is stored already
     */
    CrossRecord addReceived(long anchorId, byte[] der, Instant notAfter, Instant at, String by);

    /** The cross certificates of an anchor, both directions, oldest first. */
    List<CrossRecord> crossCertificates(long anchorId);

    /** The certificate table's profile of a cross certificate this CA's root issued. */
    String CROSS_PROFILE = "cross";

    record StoredAnchor(long id, String name, List<byte[]> certificates, List<String> purposes, Instant importedAt, String importedBy,
                        Instant deactivatedAt, String deactivatedBy) {
        public StoredAnchor {
            certificates = List.copyOf(certificates);
            purposes = List.copyOf(purposes);
        }

        public boolean active() {
            return deactivatedAt == null;
        }

        public byte[] root() {
            return certificates.get(0);
        }
    }

    /** What the certificate row of an issued cross certificate needs. */
    record IssuedCross(String serialHex, String issuerId, String subject, Instant notBefore, Instant notAfter, byte[] der) {
    }

    /** @param direction {@code issued} (by this CA's root) or {@code received} (for it); serialHex only for issued */
    record CrossRecord(long id, long anchorId, String direction, String serialHex, byte[] der, Instant notAfter, Instant createdAt,
                       String createdBy) {
    }
}
