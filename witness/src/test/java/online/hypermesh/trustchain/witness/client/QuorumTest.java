package online.hypermesh.trustchain.witness.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** floor(2n/3)+1 of n, and what it buys, for n = 1..10. */
class QuorumTest {
    @Test
    void requiredForOneToTen() {
        int[] expected = {1, 2, 3, 3, 4, 5, 5, 6, 7, 7};
        for (int n = 1; n <= 10; n++) {
            assertEquals(expected[n - 1], Quorum.required(n), "n = " + n);
        }
        assertEquals(0, Quorum.required(0));
        assertThrows(IllegalArgumentException.class, () -> Quorum.required(-1));
    }

    @Test
    void anyTwoQuorumsShareAnHonestWitnessAndFMayBeDown() {
        for (int n = 1; n <= 10; n++) {
            int q = Quorum.required(n);
            int f = Quorum.tolerated(n);
            assertEquals((n - 1) / 3, f);
            // Two quorums overlap in at least 2q - n witnesses; more than f of them, so one is honest.
            assertTrue(2 * q - n > f, "n = " + n);
            // With f witnesses down, the rest still make a quorum.
            assertTrue(n - f >= q, "n = " + n);
            assertTrue(Quorum.confirmed(q, n));
            assertFalse(Quorum.confirmed(q - 1, n));
        }
        assertFalse(Quorum.confirmed(0, 0), "no witnesses configured confirms nothing");
    }

    @Test
    void fourWitnessesTolerateOne() {
        assertEquals(3, Quorum.required(4));
        assertEquals(1, Quorum.tolerated(4));
        assertTrue(Quorum.confirmed(3, 4));
        assertFalse(Quorum.confirmed(2, 4));
    }
}
