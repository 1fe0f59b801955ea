package online.hypermesh.trustchain.ca.api;

import java.time.Instant;
import java.util.List;

import jakarta.ejb.Local;

/**
 * Accounts and their bearer tokens, for an administrator. Every change is audited in the same
 * transaction; a refused request changes nothing. Names are lower-case letters, digits, '.', '_'
 * and '-' (at most 64), unique.
 */
@Local
public interface Accounts {

    AccountView create(AccountSpec spec, Caller caller);

    List<AccountView> list(Caller caller);

    AccountView show(String name, Caller caller);

    /** Replaces the fields the change sets (null fields keep their value). */
    AccountView update(String name, AccountSpec change, Caller caller);

    /** A disabled account's tokens are refused at once; its certificates stay as they are. */
    AccountView setEnabled(String name, boolean enabled, Caller caller);

    /** A new token, returned once: only its SHA-256 is stored. {@code expiresAt} must be in the future. */
    NewToken createToken(String account, String tokenName, Instant expiresAt, Caller caller);

    List<TokenView> tokens(String account, Caller caller);

    TokenView revokeToken(String account, long tokenId, Caller caller);

    /** The CIDR prefixes the account's requests must come from, canonical; empty: anywhere. */
    List<String> allowlist(String account, Caller caller);

    /**
     * Replaces the allowlist (IPv6 or IPv4 CIDR prefixes, at most 64; empty: anywhere) and returns
     * it canonical. Effective on every node within a second (the authenticator's cache).
     */
    List<String> setAllowlist(String account, List<String> networks, Caller caller);
}
