package online.hypermesh.trustchain.ca.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The largest size a quorum vouches for, from each witness's latest cosigned size (-1: none). */
class ConfirmedSizeTest {
    @Test
    void quorumOfFour() {
        assertEquals(10, LogWitnesses.confirmedSize(List.of(10L, 10L, 10L, 10L), 3));
        assertEquals(10, LogWitnesses.confirmedSize(List.of(12L, 10L, 11L, -1L), 3), "a witness at 12 also vouches for 10");
        assertEquals(0, LogWitnesses.confirmedSize(List.of(12L, 10L, -1L, -1L), 3), "two of four is no quorum");
        assertEquals(0, LogWitnesses.confirmedSize(List.of(), 0));
        assertEquals(7, LogWitnesses.confirmedSize(List.of(7L), 1));
    }
}
