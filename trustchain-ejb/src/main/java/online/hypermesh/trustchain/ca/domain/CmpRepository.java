package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * CMP's own state: the shared secrets bound to accounts and the enrollments awaiting certConf.
 * Every method runs on the caller's transaction.
 */
public interface CmpRepository {
    /** A secret and the name of the account it authenticates. */
    record Secret(String reference, long accountId, String accountName, byte[] secret) {
    }

    /** An enrollment: waiting for its certConf, or settled (implicitly confirmed ones are stored settled, so their ID is not reused). */
    record Transaction(String transactionId, long accountId, String state, String serialHex, long certReqId) {
    }

    /**
     * A certificate this CA issued, as one that protects a CMP request by signature: whose it is
     * and whether it is in force.
     */
    record CertificateHolder(String serialHex, long accountId, String accountName, String status, Instant notBefore, Instant notAfter) {
    }

    /** A CMP protection certificate of the CA and the token key it certifies. */
    record ProtectionCertificate(String keyAlias, String authorityId, byte[] certificate, Instant notBefore, Instant notAfter) {
    }

    void addSecret(String reference, long accountId, byte[] secret, String createdBy, Instant now);

    /** The account that requested the certificate with this serial, if that certificate is exactly {@code der}. */
    Optional<CertificateHolder> holderOf(String serialHex, byte[] der);

    void addProtectionCertificate(ProtectionCertificate certificate);

    /** The newest protection certificate of {@code authorityId} still valid at {@code now}. */
    Optional<ProtectionCertificate> newestProtectionCertificate(String authorityId, Instant now);

    Optional<Secret> findSecret(String reference);

    /** Stores a transaction in {@code state} (waiting or confirmed); false if a transaction with that id exists already. */
    boolean recordTransaction(String transactionId, long accountId, String state, String serialHex, long certReqId, Instant now);

    /** The transaction of {@code accountId} with that id, locked until the caller's transaction ends. */
    Optional<Transaction> lockTransaction(String transactionId, long accountId);

    boolean transactionExists(String transactionId);

    void settleTransaction(String transactionId, String state, Instant now);

    /** Up to {@code limit} transactions still waiting that began before {@code cutoff}, locked (others' locked rows skipped). */
    java.util.List<Transaction> lockWaitingBefore(Instant cutoff, int limit);
}
