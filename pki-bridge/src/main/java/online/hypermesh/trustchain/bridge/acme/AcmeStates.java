package online.hypermesh.trustchain.bridge.acme;

import java.time.Instant;
import java.util.List;

import online.hypermesh.trustchain.bridge.acme.AcmeProblem.Type;

/**
 * The status transitions of RFC 8555 7.1.6 for challenges, authorizations and orders, without
 * storage: the server asks here what a status becomes, and stores the answer.
 *
 * <pre>
 * challenge:     pending -> processing -> valid | invalid
 * authorization: pending -> valid | invalid (by its challenge); pending -> expired; valid -> deactivated | revoked
 * order:         pending -> ready (all authorizations valid) -> processing (finalize) -> valid (issued)
 *                any of them -> invalid (an authorization failed, the order expired, issuance was refused)
 * </pre>
 */
public final class AcmeStates {
    private AcmeStates() {
    }

    /** Whether a POST to a challenge in {@code current} starts its validation; in any other status it answers as it is (7.5.1). */
    public static boolean startsValidation(AcmeStatus current) {
        return current == AcmeStatus.PENDING;
    }

    /** A challenge after its validation: valid or invalid, from processing only. */
    public static AcmeStatus challengeValidated(AcmeStatus current, boolean succeeded) {
        if (current != AcmeStatus.PROCESSING) {
            throw new IllegalStateException("a challenge is validated from processing, not " + current.json());
        }
        return succeeded ? AcmeStatus.VALID : AcmeStatus.INVALID;
    }

    /** An authorization after one of its challenges reached {@code challenge}; past the expiry it is expired. */
    public static AcmeStatus authorization(AcmeStatus current, AcmeStatus challenge, Instant expires, Instant now) {
        if (current != AcmeStatus.PENDING) {
            return current;
        }
        if (!now.isBefore(expires)) {
            return AcmeStatus.EXPIRED;
        }
        return switch (challenge) {
            case VALID -> AcmeStatus.VALID;
            case INVALID -> AcmeStatus.INVALID;
            default -> AcmeStatus.PENDING;
        };
    }

    /** A client's deactivation of an authorization (7.5.2): from pending or valid; anything else malformed. */
    public static AcmeStatus deactivated(AcmeStatus current) {
        if (current != AcmeStatus.PENDING && current != AcmeStatus.VALID && current != AcmeStatus.DEACTIVATED) {
            throw new AcmeProblem(Type.MALFORMED, "an authorization that is " + current.json() + " cannot be deactivated");
        }
        return AcmeStatus.DEACTIVATED;
    }

    /**
     * The order's status given its authorizations' (7.1.6): processing, valid and invalid are
     * decided by finalization and stay; otherwise an expired order, or one with an authorization
     * that is not pending or valid, is invalid; all valid is ready; else pending.
     */
    public static AcmeStatus order(AcmeStatus current, List<AcmeStatus> authorizations, Instant expires, Instant now) {
        if (current == AcmeStatus.PROCESSING || current == AcmeStatus.VALID || current == AcmeStatus.INVALID) {
            return current;
        }
        if (!now.isBefore(expires)) {
            return AcmeStatus.INVALID;
        }
        if (authorizations.stream().anyMatch(a -> a != AcmeStatus.PENDING && a != AcmeStatus.VALID)) {
            return AcmeStatus.INVALID;
        }
        if (!authorizations.isEmpty() && authorizations.stream().allMatch(a -> a == AcmeStatus.VALID)) {
            return AcmeStatus.READY;
        }
        return AcmeStatus.PENDING;
    }

    /** Finalization needs a ready order (7.4): orderNotReady otherwise, saying what it is. */
    public static AcmeStatus finalizing(AcmeStatus current) {
        if (current != AcmeStatus.READY) {
            throw new AcmeProblem(Type.ORDER_NOT_READY, "the order is " + current.json() + "; it can be finalized when it is ready"
                    + (current == AcmeStatus.PENDING ? " (every authorization valid: respond to the challenges first)" : ""));
        }
        return AcmeStatus.PROCESSING;
    }

    /** The end of finalization: valid with a certificate, or invalid when issuance was refused. */
    public static AcmeStatus finalized(AcmeStatus current, boolean issued) {
        if (current != AcmeStatus.PROCESSING) {
            throw new IllegalStateException("an order is finalized from processing, not " + current.json());
        }
        return issued ? AcmeStatus.VALID : AcmeStatus.INVALID;
    }
}
