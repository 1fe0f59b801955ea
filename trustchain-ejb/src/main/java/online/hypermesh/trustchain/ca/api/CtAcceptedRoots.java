package online.hypermesh.trustchain.ca.api;

import java.time.Instant;
import java.util.List;

import jakarta.ejb.Local;

/**
 * The roots the CT log accepts chains to: TrustChain's own root, plus roots an operator adds.
 * Listing needs any token, adding an admin token. An added root is accepted by this node's log as
 * soon as the addition commits, and by the other nodes' logs within their reload period.
 */
@Local
public interface CtAcceptedRoots {

    /** Every accepted root, TrustChain's own first. */
    List<RootView> list(Caller caller);

    /**
     * Adds a root (PEM or DER body), idempotent by SHA-256 fingerprint. The certificate must be a
     * self-signed CA certificate whose signature verifies; otherwise MALFORMED_REQUEST or
     * POLICY_VIOLATION naming the problem, and nothing is stored.
     */
    Addition add(byte[] certificate, Caller caller);

    /**
     * One accepted root.
     *
     * @param fingerprint lower-case hex SHA-256 of the DER certificate
     * @param source      {@code trustchain} (the CA's own root), {@code operator}, or {@code trust-anchor} (a root imported with purpose ct)
     * @param addedAt     when an operator added it; null for TrustChain's own root
     */
    record RootView(String fingerprint, String subject, String source, Instant notAfter, Instant addedAt) {
    }

    /** The root as stored, and whether this call added it (false: it was already accepted). */
    record Addition(RootView root, boolean created) {
    }
}
