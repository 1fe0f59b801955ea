package online.hypermesh.trustchain.core.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;

class OutageLogTest {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final List<String> lines = new ArrayList<>();
    private final List<Level> levels = new ArrayList<>();
    private final OutageLog log = new OutageLog(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }, Duration.ofMinutes(1), (level, line) -> {
        levels.add(level);
        lines.add(line);
    });

    @Test
    void thousandsOfFailures_giveOneLine_thenOneReminderAMinuteWithTheCount_thenOneRecoveryLine() {
        for (int i = 0; i < 5000; i++) {
            log.failed("database", "SQLState 08001: refused");
        }
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).startsWith("the database is unavailable (SQLState 08001: refused)"), lines.get(0));
        assertTrue(log.isDown("database"));

        now = now.plusSeconds(30);
        log.failed("database", "SQLState 08001: refused");
        assertEquals(1, lines.size(), "no reminder before a minute");

        now = now.plusSeconds(31);
        log.failed("database", "SQLState 08001: refused");
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).contains("still unavailable after 61 s"), lines.get(1));
        assertTrue(lines.get(1).contains("5001 requests refused in the last 61 s, 5002 in all"), lines.get(1));

        now = now.plusSeconds(4);
        log.recovered("database");
        assertEquals(3, lines.size());
        assertEquals(Level.INFO, levels.get(2));
        assertTrue(lines.get(2).contains("available again after 65 s"), lines.get(2));
        assertTrue(lines.get(2).contains("5002 requests"), lines.get(2));
        assertFalse(log.isDown("database"));

        log.recovered("database");
        assertEquals(3, lines.size(), "recovery is logged once");
    }

    @Test
    void aNewOutage_afterRecovery_isAnnouncedAgain() {
        log.failed("database", "a");
        log.recovered("database");
        log.failed("database", "b");
        assertEquals(3, lines.size());
        assertTrue(lines.get(2).startsWith("the database is unavailable (b)"));
    }

    @Test
    void absorbs_onlyDependencyOutages_soBackgroundWorkLogsNothingOfItsOwnDuringOne() {
        try {
            assertTrue(OutageLog.absorbs(new IllegalStateException("poll failed",
                    new java.sql.SQLNonTransientConnectionException("Connection refused", "08001"))));
            assertTrue(OutageLog.shared().isDown(ErrorClassifier.DATABASE), "counted in the shared outage report");
            assertFalse(OutageLog.absorbs(new IllegalStateException("a bug")), "anything else is the caller's to log");
        } finally {
            OutageLog.shared().recovered(ErrorClassifier.DATABASE);
        }
    }
}
