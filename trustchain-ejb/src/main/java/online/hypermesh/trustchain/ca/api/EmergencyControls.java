package online.hypermesh.trustchain.ca.api;

import jakarta.ejb.Local;

/**
 * What an operator does when a CA is compromised or misbehaving. Every operation needs the
 * emergency token (role {@link Caller.Role#EMERGENCY}); admin and issuer tokens are refused, so
 * a leaked everyday token cannot stop the CA or mass-revoke.
 */
@Local
public interface EmergencyControls {
    /** The issuance switch as it is now. Any authenticated caller may read it. */
    IssuanceSwitchView issuanceSwitch(Caller caller);

    /** Switches issuance on or off for every node; while off, issuance answers 503 and stores nothing. */
    IssuanceSwitchView setIssuance(boolean enabled, String reason, Caller caller);

    /**
     * Revokes every valid certificate of {@code issuerId} with {@code reasonName}, in batches of
     * bounded size, each batch its own transaction, so the database is never locked for long and
     * an interruption leaves whole batches revoked (a repeat call finishes the job).
     */
    RevokeAllResult revokeAll(String issuerId, String reasonName, Caller caller);
}
