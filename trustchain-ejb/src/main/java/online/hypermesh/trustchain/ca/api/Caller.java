package online.hypermesh.trustchain.ca.api;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** An authenticated caller: the account's name (for the audit trail) and its roles. */
public record Caller(String name, Set<Role> roles) {
    public enum Role {
        /** Manages accounts, tokens, DNS records, CT roots and CA rollover; reads everything. */
        ADMIN,
        /** Revokes certificates and reads them (a registration-authority officer). */
        OFFICER,
        /** Is issued and renews certificates within the account's authorization, and reads them. */
        ISSUER,
        /** Reads certificates, authorities and accounts; changes nothing. */
        AUDITOR,
        /** Emergency operations only (revoke-all, issuance switch). */
        EMERGENCY;

        /** The lower-case name used in the API and the database. */
        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public Caller(String name, Role role) {
        this(name, Set.of(role));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean mayIssue() {
        return has(Role.ISSUER);
    }

    /** Revocation of one certificate: an officer, an administrator or an issuer (issuers revoke what they hold). */
    public boolean mayRevoke() {
        return has(Role.OFFICER) || has(Role.ADMIN) || has(Role.ISSUER);
    }
}
