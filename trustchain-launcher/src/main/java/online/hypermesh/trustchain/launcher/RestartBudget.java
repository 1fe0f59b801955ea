package online.hypermesh.trustchain.launcher;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How many restarts of a crashed child the launcher allows: at most {@code max} attempts within a
 * sliding {@code window}. A database that crashes once a week is restarted every time; one that
 * dies again right after each restart (a full disk, a broken cluster) is given up on, and the
 * launcher stops everything with a clear message instead of restarting it forever.
 */
final class RestartBudget {
    private final int max;
    private final long windowNanos;
    private final Deque<Long> attempts = new ArrayDeque<>();

    RestartBudget(int max, Duration window) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1");
        }
        this.max = max;
        this.windowNanos = window.toNanos();
    }

    /** Takes one attempt at {@code nowNanos} (System.nanoTime), or returns false when the budget is spent. */
    synchronized boolean tryAttempt(long nowNanos) {
        while (!attempts.isEmpty() && nowNanos - attempts.peekFirst() >= windowNanos) {
            attempts.removeFirst();
        }
        if (attempts.size() >= max) {
            return false;
        }
        attempts.addLast(nowNanos);
        return true;
    }

    /** Attempts taken within the window (as of the last call). */
    synchronized int used() {
        return attempts.size();
    }

    int max() {
        return max;
    }

    Duration window() {
        return Duration.ofNanos(windowNanos);
    }
}
