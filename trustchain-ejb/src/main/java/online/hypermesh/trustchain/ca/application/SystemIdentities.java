package online.hypermesh.trustchain.ca.application;

import online.hypermesh.trustchain.ca.api.Caller;

/**
 * The named identities internal work runs as. Their names start with "system:", which no account
 * name can (account names have no ':'), so the audit trail tells them from people at a glance.
 * Besides the authenticator, this is the only place that may make a {@link Caller}
 * (ArchitectureTest enforces it): no bean can mint itself an administrator.
 */
public final class SystemIdentities {
    /** Rolls CA keys over when they reach their configured age. */
    public static final Caller ROLLOVER_SCHEDULE = new Caller("system:rollover-schedule", Caller.Role.ADMIN);
    /** Issues and renews the HTTPS listener's own certificate. */
    public static final Caller TLS_LISTENER = new Caller("system:tls-listener", Caller.Role.ISSUER);
    /** Issues and renews the DNS-over-QUIC listener's certificate. */
    public static final Caller DOQ_LISTENER = new Caller("system:doq", Caller.Role.ISSUER);

    /** Revokes a certificate enrolled by CMP whose certConf did not arrive in time (RFC 4210 5.3.18). */
    public static final Caller CMP_CONFIRMATION = new Caller("system:cmp-confirmation", Caller.Role.OFFICER);

    private static final java.util.List<Caller> ALL = java.util.List.of(ROLLOVER_SCHEDULE, TLS_LISTENER, DOQ_LISTENER, CMP_CONFIRMATION);

    private SystemIdentities() {
    }

    /** Whether the caller is one of these identities (account names cannot collide: they have no ':'). */
    public static boolean isOne(Caller caller) {
        return caller != null && ALL.contains(caller);
    }
}
