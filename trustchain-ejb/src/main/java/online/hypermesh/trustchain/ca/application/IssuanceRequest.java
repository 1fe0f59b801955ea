package online.hypermesh.trustchain.ca.application;

import java.time.Duration;
import java.util.List;

import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.core.policy.RequestedName;

/**
 * What every edge turns its protocol's request into (ARCHITECTURE.md step 1), for the
 * {@link RegistrationAuthority}: the names (from a CSR whose signature verified), the profile,
 * validity and region asked for, who authenticated, and how the names were validated.
 */
public record IssuanceRequest(List<RequestedName> names, String profile, Duration validity, String region, Caller requester,
                              Validation validation) {
    public IssuanceRequest {
        names = List.copyOf(names);
    }

    /** How the CA knows the requester may have the names. */
    public enum Validation {
        /** The names are within the authenticated account's scopes. */
        ACCOUNT_SCOPE,
        /**
         * The names are within the account's scopes, and the requester proved control of each by
         * an ACME challenge (http-01, RFC 8555 8.3, or tls-alpn-01, RFC 8737) from this CA's
         * network; the ACME authorizations record which and from where.
         */
        ACME_CHALLENGE,
        /** Internal work for the CA's own listeners, as a named system identity. */
        SYSTEM_IDENTITY
    }
}
