package online.hypermesh.trustchain.ca.dns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ChangeCursorTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static DnsChange row(long id) {
        return new DnsChange(id, DnsChange.NAME, "web", "node-a");
    }

    @Test
    void advance_movesToTheHighestId_andRemembersSkippedIdsAsGaps() {
        ChangeCursor cursor = new ChangeCursor(10);
        cursor.advance(List.of(row(11), row(14)), T0);
        assertEquals(14, cursor.lastId());
        assertArrayEquals(new long[] {12, 13}, cursor.gaps());
    }

    @Test
    void advance_aLateRowFillsItsGap() {
        ChangeCursor cursor = new ChangeCursor(10);
        cursor.advance(List.of(row(13)), T0);
        cursor.advance(List.of(row(12)), T0.plusSeconds(1));
        assertEquals(13, cursor.lastId());
        assertArrayEquals(new long[] {11}, cursor.gaps());
    }

    @Test
    void advance_givesUpOnAGapAfterThePatience_asARolledBackTransactionNeverFillsIt() {
        ChangeCursor cursor = new ChangeCursor(0);
        cursor.advance(List.of(row(2)), T0);
        cursor.advance(List.of(), T0.plus(ChangeCursor.GAP_PATIENCE).minusSeconds(1));
        assertArrayEquals(new long[] {1}, cursor.gaps());
        cursor.advance(List.of(), T0.plus(ChangeCursor.GAP_PATIENCE).plusSeconds(1));
        assertArrayEquals(new long[] {}, cursor.gaps());
    }

    @Test
    void advance_nothingNew_changesNothing() {
        ChangeCursor cursor = new ChangeCursor(5);
        cursor.advance(List.of(), T0);
        assertEquals(5, cursor.lastId());
        assertArrayEquals(new long[] {}, cursor.gaps());
    }
}
