package online.hypermesh.trustchain.ca.domain;

/** The stored issuance switch. Writes join the caller's transaction. */
public interface IssuanceSwitchRepository {
    IssuanceSwitch current();

    void set(IssuanceSwitch value);
}
