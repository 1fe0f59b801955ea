package online.hypermesh.trustchain.sinks.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromTheInitialWaitUpToTheMaximum() {
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
        assertEquals(Duration.ZERO, b.after(0));
        assertEquals(Duration.ofMillis(500), b.after(1));
        assertEquals(Duration.ofMillis(1000), b.after(2));
        assertEquals(Duration.ofMillis(2000), b.after(3));
        assertEquals(Duration.ofMillis(16000), b.after(6));
        assertEquals(Duration.ofSeconds(30), b.after(7));
        assertEquals(Duration.ofSeconds(30), b.after(1000));
        assertEquals(Duration.ofSeconds(30), b.after(Integer.MAX_VALUE));
    }

    @Test
    void refusesAnEmptyOrReversedRange() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
