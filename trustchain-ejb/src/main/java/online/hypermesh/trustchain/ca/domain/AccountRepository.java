package online.hypermesh.trustchain.ca.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import online.hypermesh.trustchain.core.policy.Authorization;

/**
 * Accounts (account, account_scope). Rows are never deleted: an account is disabled instead, so
 * the audit trail's actors always resolve.
 *
 * <p>Durability: writes join the caller's transaction and are durable when it commits, so an
 * account change and its audit event commit together.
 *
 * <p>Concurrency: {@link #lock} takes a row lock until the transaction ends; a read-modify-write
 * of one account holds it, so two concurrent changes apply one after the other. {@link #create}
 * of a name that exists fails the transaction with CONFLICT. Reads see committed rows. Thread-safe.
 */
public interface AccountRepository {

    /** Inserts the account; CONFLICT if the name is taken. Returns it with its id. */
    Account create(String name, List<String> roles, Authorization authorization, boolean defaultScopesPending, Instant now);

    Optional<Account> find(String name);

    /** The account, locked until the transaction ends. */
    Optional<Account> lock(String name);

    List<Account> list();

    /** Writes roles, authorization, enabled and the pending flag of an account read under {@link #lock}. */
    void update(Account account);

    /** The CIDR prefixes (canonical) the account's requests must come from; empty: anywhere. */
    List<String> allowedNetworks(long accountId);

    /** Replaces the account's allowlist; the account is read under {@link #lock}. */
    void setAllowedNetworks(long accountId, List<String> networks, Instant now);

    /** Accounts whose scopes are still to be set from the deployment's defaults. */
    List<Account> withDefaultScopesPending();
}
