package online.hypermesh.trustchain.bridge.acme;

import static online.hypermesh.trustchain.bridge.acme.AcmeStatus.DEACTIVATED;
import static online.hypermesh.trustchain.bridge.acme.AcmeStatus.EXPIRED;
import static online.hypermesh.trustchain.bridge.acme.AcmeStatus.INVALID;
import static online.hypermesh.trustchain.bridge.acme.AcmeStatus.PENDING;
import static online.hypermesh.trustchain.bridge.acme.AcmeStatus.PROCESSING;
import static online.hypermesh.trustchain.bridge.acme.AcmeStatus.READY;
import static online.hypermesh.trustchain.bridge.acme.AcmeStatus.VALID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** RFC 8555 7.1.6, transition by transition. */
class AcmeStatesTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(3600);

    @Test
    void onlyAPendingChallenge_startsValidation() {
        assertTrue(AcmeStates.startsValidation(PENDING));
        for (AcmeStatus s : List.of(PROCESSING, VALID, INVALID)) {
            assertFalse(AcmeStates.startsValidation(s), s.json());
        }
    }

    @Test
    void aChallenge_endsValidOrInvalid_fromProcessingOnly() {
        assertEquals(VALID, AcmeStates.challengeValidated(PROCESSING, true));
        assertEquals(INVALID, AcmeStates.challengeValidated(PROCESSING, false));
        assertThrows(IllegalStateException.class, () -> AcmeStates.challengeValidated(PENDING, true));
        assertThrows(IllegalStateException.class, () -> AcmeStates.challengeValidated(INVALID, true));
    }

    @Test
    void anAuthorization_followsItsChallenge_untilItExpires() {
        assertEquals(VALID, AcmeStates.authorization(PENDING, VALID, LATER, NOW));
        assertEquals(INVALID, AcmeStates.authorization(PENDING, INVALID, LATER, NOW));
        assertEquals(PENDING, AcmeStates.authorization(PENDING, PROCESSING, LATER, NOW));
        assertEquals(EXPIRED, AcmeStates.authorization(PENDING, VALID, NOW, NOW), "at the expiry it is expired");
        assertEquals(VALID, AcmeStates.authorization(VALID, INVALID, LATER, NOW), "a final status stays");
        assertEquals(DEACTIVATED, AcmeStates.authorization(DEACTIVATED, VALID, LATER, NOW));
    }

    @Test
    void aClient_deactivatesPendingOrValidAuthorizations_only() {
        assertEquals(DEACTIVATED, AcmeStates.deactivated(PENDING));
        assertEquals(DEACTIVATED, AcmeStates.deactivated(VALID));
        assertEquals(DEACTIVATED, AcmeStates.deactivated(DEACTIVATED), "a repeat changes nothing");
        assertEquals(AcmeProblem.Type.MALFORMED, assertThrows(AcmeProblem.class, () -> AcmeStates.deactivated(INVALID)).type());
        assertEquals(AcmeProblem.Type.MALFORMED, assertThrows(AcmeProblem.class, () -> AcmeStates.deactivated(EXPIRED)).type());
    }

    @Test
    void anOrder_isReadyWhenEveryAuthorizationIsValid() {
        assertEquals(PENDING, AcmeStates.order(PENDING, List.of(VALID, PENDING), LATER, NOW));
        assertEquals(READY, AcmeStates.order(PENDING, List.of(VALID, VALID), LATER, NOW));
        assertEquals(INVALID, AcmeStates.order(PENDING, List.of(VALID, INVALID), LATER, NOW));
        assertEquals(INVALID, AcmeStates.order(PENDING, List.of(EXPIRED), LATER, NOW));
        assertEquals(INVALID, AcmeStates.order(READY, List.of(VALID), NOW, NOW), "an expired order is invalid");
        assertEquals(PENDING, AcmeStates.order(PENDING, List.of(), LATER, NOW), "no authorizations: never ready");
    }

    @Test
    void finalization_decidesTheOrder_andItStays() {
        assertEquals(PROCESSING, AcmeStates.finalizing(READY));
        AcmeProblem notReady = assertThrows(AcmeProblem.class, () -> AcmeStates.finalizing(PENDING));
        assertEquals(AcmeProblem.Type.ORDER_NOT_READY, notReady.type());
        assertEquals(403, notReady.status());
        assertThrows(AcmeProblem.class, () -> AcmeStates.finalizing(VALID), "a second finalize");
        assertEquals(VALID, AcmeStates.finalized(PROCESSING, true));
        assertEquals(INVALID, AcmeStates.finalized(PROCESSING, false));
        assertThrows(IllegalStateException.class, () -> AcmeStates.finalized(READY, true));
        for (AcmeStatus decided : List.of(PROCESSING, VALID, INVALID)) {
            assertEquals(decided, AcmeStates.order(decided, List.of(VALID), NOW, NOW), decided.json() + " stays");
        }
    }
}
