package online.hypermesh.trustchain.ca.application;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.domain.IssuanceSwitch;
import online.hypermesh.trustchain.ca.domain.IssuanceSwitchRepository;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Lets issuance through only while the emergency switch is on. The switch lives in PostgreSQL so
 * every node obeys it; reading it for each of hundreds of issuances per second would cost a round
 * trip each, so a value is reused for at most {@link #MAX_AGE}. The node that flips the switch
 * forgets its copy at once; other nodes follow within {@link #MAX_AGE}.
 */
@ApplicationScoped
public class IssuanceGate {
    static final Duration MAX_AGE = Duration.ofSeconds(1);

    @Inject
    IssuanceSwitchRepository repository;

    private record Cached(IssuanceSwitch value, Instant readAt) {
    }

    private volatile Cached cached;

    /** Throws UNAVAILABLE (503) while issuance is switched off. */
    public void requireOpen() {
        IssuanceSwitch current = current();
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
