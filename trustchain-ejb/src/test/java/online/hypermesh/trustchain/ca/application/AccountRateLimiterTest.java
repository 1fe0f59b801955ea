package online.hypermesh.trustchain.ca.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AccountRateLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void admitsABurstOfTheLimit_thenSaysWhenToRetry() {
        AccountRateLimiter limiter = AccountRateLimiter.withLimit(60);
        for (int i = 0; i < 60; i++) {
            assertEquals(0, limiter.admit("payments", 0), "request " + i);
        }
        assertEquals(1, limiter.admit("payments", 0), "one token a second at 60 a minute");
        assertEquals(0, limiter.admit("payments", SECOND), "refilled after a second");
        assertTrue(limiter.admit("payments", SECOND) >= 1);
    }

    @Test
    void accountsHaveTheirOwnBuckets() {
        AccountRateLimiter limiter = AccountRateLimiter.withLimit(1);
        assertEquals(0, limiter.admit("a", 0));
        assertEquals(60, limiter.admit("a", 0), "one a minute: retry in 60 s");
        assertEquals(0, limiter.admit("b", 0));
    }

    @Test
    void neverMoreThanTheLimitAfterAQuietPeriod() {
        AccountRateLimiter limiter = AccountRateLimiter.withLimit(10);
        limiter.admit("a", 0);
        int admitted = 0;
        while (limiter.admit("a", 3600 * SECOND) == 0) {
            admitted++;
        }
        assertEquals(10, admitted);
    }
}
