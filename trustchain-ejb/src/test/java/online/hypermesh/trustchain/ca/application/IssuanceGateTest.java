package online.hypermesh.trustchain.ca.application;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.ca.domain.AuthorityIssuance;
import online.hypermesh.trustchain.ca.domain.AuthorityStatus;
import online.hypermesh.trustchain.ca.domain.IssuanceSwitch;
import online.hypermesh.trustchain.ca.domain.IssuanceSwitchRepository;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * The check inside the issuing transactions decides from the locked reads, never from the
 * one-second cache that only turns requests away early; and it obeys the authority's own stop.
 */
class IssuanceGateTest {
    private static final Instant AT = Instant.parse("2026-12-02T06:00:00Z");

    /** A switch store whose unlocked read is stale (another node changed it a moment ago). */
    private static final class Switches implements IssuanceSwitchRepository {
        IssuanceSwitch unlocked = new IssuanceSwitch(true, null, "system:migration", AT);
        IssuanceSwitch locked = unlocked;
        AuthorityIssuance authority = new AuthorityIssuance("us-east-1-g1", AuthorityStatus.ACTIVE, null, null, null);
        final List<String> lockedReads = new ArrayList<>();

        @Override
        public IssuanceSwitch current() {
            return unlocked;
        }

        @Override
        public IssuanceSwitch currentForIssuance() {
            lockedReads.add("global");
            return locked;
        }

        @Override
        public void set(IssuanceSwitch value) {
            unlocked = locked = value;
        }

        @Override
        public Optional<AuthorityIssuance> authorityForIssuance(String authorityId) {
            lockedReads.add(authorityId);
            return authority.authorityId().equals(authorityId) ? Optional.of(authority) : Optional.empty();
        }

        @Override
        public Optional<AuthorityIssuance> authority(String authorityId) {
            return Optional.of(authority);
        }

        @Override
        public boolean stopAuthority(String authorityId, String by, String reason, Instant at) {
            throw new UnsupportedOperationException();
        }
    }

    private static IssuanceGate gate(Switches switches) {
        IssuanceGate gate = new IssuanceGate();
        gate.repository = switches;
        return gate;
    }

    @Test
    void inTransaction_readsTheLockedSwitch_evenWhileTheCacheSaysOn() {
        Switches switches = new Switches();
        IssuanceGate gate = gate(switches);
        gate.requireOpen(); // caches "on"
        switches.locked = new IssuanceSwitch(false, "key compromise suspected", "ops@node-2", AT);

        assertDoesNotThrow(gate::requireOpen, "the cached early check may still say on");
        TrustChainException e = assertThrows(TrustChainException.class, () -> gate.requireOpenForIssuance("us-east-1-g1"));
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("ops@node-2") && e.getMessage().contains("key compromise suspected"), e.getMessage());
        assertEquals(List.of("global"), switches.lockedReads);
    }

    @Test
    void inTransaction_refusesAnAuthorityWhoseIssuanceWasStopped_orThatIsRevoked() {
        Switches switches = new Switches();
        IssuanceGate gate = gate(switches);
        assertDoesNotThrow(() -> gate.requireOpenForIssuance("us-east-1-g1"));
        assertEquals(List.of("global", "us-east-1-g1"), switches.lockedReads, "both switches read under their locks");

        switches.authority = new AuthorityIssuance("us-east-1-g1", AuthorityStatus.ACTIVE, AT, "ops", "revoke-all (cACompromise)");
        TrustChainException stopped = assertThrows(TrustChainException.class, () -> gate.requireOpenForIssuance("us-east-1-g1"));
        assertEquals(ErrorKind.UNAVAILABLE, stopped.kind());
        assertTrue(stopped.getMessage().contains("stopped") && stopped.getMessage().contains("rollover"), stopped.getMessage());

        switches.authority = new AuthorityIssuance("us-east-1-g1", AuthorityStatus.REVOKED, AT, "ops", "revoked (cACompromise)");
        TrustChainException revoked = assertThrows(TrustChainException.class, () -> gate.requireOpenForIssuance("us-east-1-g1"));
        assertEquals(ErrorKind.UNAVAILABLE, revoked.kind());
        assertTrue(revoked.getMessage().contains("is revoked"), revoked.getMessage());
    }

    @Test
    void authorityRevocation_takesOnlyFinalReasonsThatSayWhy() {
        assertEquals("cACompromise", AuthorityRevocationBean.finalReason(" cACompromise ").apiName());
        assertEquals("keyCompromise", AuthorityRevocationBean.finalReason("keyCompromise").apiName());
        for (String refused : new String[] {null, " ", "certificateHold", "removeFromCRL", "unspecified", "aACompromise", "bogus"}) {
            TrustChainException e = assertThrows(TrustChainException.class, () -> AuthorityRevocationBean.finalReason(refused), refused);
            assertEquals(ErrorKind.MALFORMED_REQUEST, e.kind(), refused);
        }
    }
}
