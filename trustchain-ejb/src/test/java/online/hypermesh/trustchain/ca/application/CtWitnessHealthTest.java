package online.hypermesh.trustchain.ca.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.ca.api.CtLogService.WitnessReport;
import online.hypermesh.trustchain.ca.api.CtLogService.WitnessState;

class CtWitnessHealthTest {
    private static final Instant NOW = Instant.ofEpochSecond(1_000_000);

    @Test
    void noWitnesses() {
        assertEquals("UP: no witnesses configured", CtWitnessHealth.check(new WitnessReport(0, 0, false, List.of()), 5, NOW));
    }

    @Test
    void lagginAndDownWitnessesAreVisibleButUp() {
        WitnessReport r = new WitnessReport(3, 10, false, List.of(
                new WitnessState("w1", "http://a/", 12, NOW.getEpochSecond() - 1, "cosigned 12", false),
                new WitnessState("w2", "http://b/", 10, NOW.getEpochSecond() - 40, "unreachable: connection refused", false),
                new WitnessState("w3", "http://c/", -1, -1, "409: holds size 3", false)));
        String s = CtWitnessHealth.check(r, 12, NOW);
        assertTrue(s.startsWith("UP: tree size 12, confirmed 10 (quorum 3 of 3); "), s);
        assertTrue(s.contains("w1 cosigned 12 1 s ago"), s);
        assertTrue(s.contains("w2 cosigned 10 40 s ago (last: unreachable: connection refused)"), s);
        assertTrue(s.contains("w3 has cosigned nothing (last: 409: holds size 3)"), s);
    }

    @Test
    void splitViewIsDown() {
        WitnessReport r = new WitnessReport(1, 4, true, List.of(new WitnessState("w1", "http://a/", 4, NOW.getEpochSecond(), "422: x", true)));
        String s = CtWitnessHealth.check(r, 4, NOW);
        assertTrue(s.startsWith("DOWN: split view"), s);
        assertTrue(s.contains("SPLIT VIEW"), s);
    }
}
