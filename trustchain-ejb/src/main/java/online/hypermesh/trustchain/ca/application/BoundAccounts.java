package online.hypermesh.trustchain.ca.application;

import java.util.Optional;

import jakarta.ejb.Local;

import online.hypermesh.trustchain.ca.api.Caller;

/**
 * Callers for edges that authenticate with a credential bound to an account rather than a bearer
 * token: an ACME account's key, bound through its external account binding. The edge has
 * verified the credential; the caller is then the bound account's, with that account's roles, made
 * by the authenticator like every other caller. Not in ca.api: the web tier has no way to ask.
 */
@Local
public interface BoundAccounts {
    /** The caller of {@code accountName}, or empty if the account is unknown or disabled. */
    Optional<Caller> callerOf(String accountName);
}
