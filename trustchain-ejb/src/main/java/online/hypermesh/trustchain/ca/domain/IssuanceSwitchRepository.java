package online.hypermesh.trustchain.ca.domain;

/**
 * The stored issuance switch: the single row of issuance_control, which the V4 migration creates.
 *
 * <p>Durability: {@link #set} joins the caller's transaction and is durable when it commits, so the
 * switch and the audit event that records who turned it commit together, or neither does.
 *
 * <p>Concurrency: {@link #current} takes no lock and reads the committed row. {@link #set}
 * overwrites the row and holds its lock until the caller's transaction ends, so concurrent
 * changes from several nodes apply one after the other and the last to commit wins. Readers that
 * cache the switch (IssuanceGate) decide how stale it may be. Thread-safe.
 */
public interface IssuanceSwitchRepository {
    IssuanceSwitch current();

    void set(IssuanceSwitch value);
}
