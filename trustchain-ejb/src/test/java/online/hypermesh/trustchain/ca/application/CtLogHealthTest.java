package online.hypermesh.trustchain.ca.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.ca.api.CtLogService.TreeHead;
import online.hypermesh.trustchain.ct.log.LogUnavailableException;

class CtLogHealthTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static TreeHead headSignedAgo(long size, Duration age) {
        return new TreeHead(size, NOW.minus(age).toEpochMilli(), new byte[32], new byte[] {4, 3, 0, 3, 1, 2, 3});
    }

    private static Supplier<TreeHead> stored(TreeHead head) {
        return () -> head;
    }

    @Test
    void leader_withARecentHead_isUpAndSaysLeading() {
        TreeHead head = headSignedAgo(12, Duration.ofSeconds(3));
        assertEquals("UP: leading, tree size 12, head signed 3 s ago", CtLogHealth.check(true, Optional.of(head), stored(head), NOW));
    }

    @Test
    void leader_whoseHeadIsOlderThanTwoRefreshPeriods_isDownBecauseItCannotSign() {
        TreeHead head = headSignedAgo(12, CtLogHealth.MAX_HEAD_AGE.plusSeconds(1));
        String status = CtLogHealth.check(true, Optional.of(head), stored(head), NOW);
        assertTrue(status.startsWith("DOWN: this node leads the log but its latest tree head (size 12) was signed 61 s ago"), status);
        assertTrue(status.contains("cannot sign or commit"), status);
    }

    @Test
    void leader_atExactlyTheMaximumAge_isStillUp() {
        TreeHead head = headSignedAgo(1, CtLogHealth.MAX_HEAD_AGE);
        assertTrue(CtLogHealth.check(true, Optional.of(head), stored(head), NOW).startsWith("UP: leading"));
    }

    @Test
    void leader_withoutAnyHead_isDown() {
        TreeHead stored = headSignedAgo(0, Duration.ZERO);
        assertEquals("DOWN: this node leads the log but has no signed tree head", CtLogHealth.check(true, Optional.empty(), stored(stored), NOW));
    }

    @Test
    void leader_judgesItsOwnHead_notAFresherStoredOne() {
        // Its own signing stalled: the in-memory head is what tells, even if the stored row looks fine.
        TreeHead own = headSignedAgo(5, Duration.ofMinutes(5));
        String status = CtLogHealth.check(true, Optional.of(own), stored(headSignedAgo(5, Duration.ofSeconds(1))), NOW);
        assertTrue(status.startsWith("DOWN: this node leads the log"), status);
    }

    @Test
    void follower_whileAnotherNodeSigns_isUpAndSaysFollowing() {
        // A node that once led and stepped down still holds its old head; only the stored one counts.
        String status = CtLogHealth.check(false, Optional.of(headSignedAgo(3, Duration.ofHours(1))),
                stored(headSignedAgo(40, Duration.ofSeconds(10))), NOW);
        assertEquals("UP: following, another node leads; tree size 40, head signed 10 s ago", status);
    }

    @Test
    void follower_whenNobodySigns_isDown() {
        String status = CtLogHealth.check(false, Optional.empty(), stored(headSignedAgo(40, Duration.ofMinutes(2))), NOW);
        assertTrue(status.startsWith("DOWN: no node is signing the log"), status);
        assertTrue(status.contains("size 40") && status.contains("120 s ago"), status);
    }

    @Test
    void unreadableStoredHead_isDown_evenForTheLeader() {
        Supplier<TreeHead> failing = () -> {
            throw new LogUnavailableException("the database is unreachable");
        };
        TreeHead own = headSignedAgo(2, Duration.ofSeconds(1));
        assertEquals("DOWN: the log's latest signed tree head cannot be read: the database is unreachable",
                CtLogHealth.check(true, Optional.of(own), failing, NOW));
        assertEquals("DOWN: the log's latest signed tree head cannot be read: the database is unreachable",
                CtLogHealth.check(false, Optional.empty(), failing, NOW));
    }

    @Test
    void headFromAClockSlightlyAhead_countsAsFresh() {
        TreeHead ahead = new TreeHead(7, NOW.plusSeconds(2).toEpochMilli(), new byte[32], new byte[] {4, 3, 0, 1, 1});
        assertEquals("UP: following, another node leads; tree size 7, head signed 0 s ago",
                CtLogHealth.check(false, Optional.empty(), stored(ahead), NOW));
    }
}
