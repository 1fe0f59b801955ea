package online.hypermesh.trustchain.ca.application;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.domain.AuthorityIssuance;
import online.hypermesh.trustchain.ca.domain.AuthorityStatus;
import online.hypermesh.trustchain.ca.domain.IssuanceSwitch;
import online.hypermesh.trustchain.ca.domain.IssuanceSwitchRepository;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Lets issuance through only while the emergency switch is on. The switch lives in PostgreSQL so
 * every node obeys it; reading it for each of hundreds of issuances per second would cost a round
 * trip each, so a value is reused for at most {@link #MAX_AGE}. The node that flips the switch
 * forgets its copy at once; other nodes follow within {@link #MAX_AGE}. That cached check only
 * turns requests away early: what decides is {@link #requireOpenForIssuance}, which both issuing
 * transactions run, reading the switches under a lock that a change waits for, so once
 * {@code PUT /api/v1/ca/issuance} (or revoke-all's stop) returns, no certificate commits any more.
 */
@ApplicationScoped
public class IssuanceGate {
    static final Duration MAX_AGE = Duration.ofSeconds(1);

    @Inject
    IssuanceSwitchRepository repository;

    private record Cached(IssuanceSwitch value, Instant readAt) {
    }

    private volatile Cached cached;

    /** Throws UNAVAILABLE (503) while issuance is switched off, as this node last read it (at most {@link #MAX_AGE} ago). */
    public void requireOpen() {
        requireEnabled(current());
    }

    /**
     * Inside an issuing transaction: throws UNAVAILABLE (503) unless both the global switch and
     * {@code authorityId}'s own are open, read now under their shared locks, which stay held until
     * the transaction ends so that a change waits for this transaction.
     */
    public void requireOpenForIssuance(String authorityId) {
        requireEnabled(repository.currentForIssuance());
        AuthorityIssuance authority = repository.authorityForIssuance(authorityId)
                .orElseThrow(() -> TrustChainException.internal("authority " + authorityId + " is not in the database", null));
        if (authority.stopped()) {
            throw new TrustChainException(ErrorKind.UNAVAILABLE, stoppedMessage(authority));
        }
    }

    /**
     * Inside the transaction that records a delegated request: throws UNAVAILABLE unless the
     * global switch is open, read now under its shared lock (no CA of ours is involved).
     */
    public void requireOpenForDelegation() {
        requireEnabled(repository.currentForIssuance());
    }

    static String stoppedMessage(AuthorityIssuance a) {
        if (a.status() == AuthorityStatus.REVOKED) {
            return "issuing CA " + a.authorityId() + " is revoked and issues nothing any more; request from another region";
        }
        return "issuance from " + a.authorityId() + " was stopped at " + a.stoppedAt() + " by " + a.stoppedBy()
                + (a.reason() == null ? "" : " (" + a.reason() + ")")
                + "; a stopped CA does not issue again: roll it over (POST /api/v1/ca/authorities/" + a.authorityId() + "/rollover)";
    }

    private static void requireEnabled(IssuanceSwitch current) {
        if (!current.enabled()) {
            throw new TrustChainException(ErrorKind.UNAVAILABLE, "issuance is switched off since " + current.changedAt() + " by "
                    + current.changedBy() + (current.reason() == null ? "" : " (" + current.reason() + ")")
                    + "; an operator with the emergency token switches it on again with PUT /api/v1/ca/issuance");
        }
    }

    IssuanceSwitch current() {
        Cached c = cached;
        Instant now = Instant.now();
        if (c == null || c.readAt().plus(MAX_AGE).isBefore(now)) {
            c = new Cached(repository.current(), now);
            cached = c;
        }
        return c.value();
    }

    /** Called after this node changed the switch, so its own next request sees the change. */
    void forget() {
        cached = null;
    }
}
