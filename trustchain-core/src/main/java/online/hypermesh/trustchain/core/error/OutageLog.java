package online.hypermesh.trustchain.core.error;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs a dependency outage the way an operator wants to read it: one line when it starts, then
 * at most one reminder per interval with the number of requests refused since the last line, and
 * one line when it is over. Never a stack trace per request: under load that is thousands of lines
 * a second and fills the disk within the outage. Thread-safe; one instance per application
 * ({@link #shared()}), so every edge counts into the same outage.
 */
public final class OutageLog {
    public static final Duration DEFAULT_REMINDER = Duration.ofMinutes(1);
    /** 503s that are not the database's: the CT log without a leader, issuance switched off. */
    public static final String SERVICE = "service";
    private static final OutageLog SHARED = new OutageLog(Clock.systemUTC(), DEFAULT_REMINDER, OutageLog::write);

    private final Clock clock;
    private final Duration reminder;
    private final BiConsumer<Level, String> sink;
    private final Map<String, Outage> current = new HashMap<>();
    /** Read without the lock on every successful request: usually nothing is down. */
    private volatile boolean anyDown;

    private static final class Outage {
        final Instant since;
        Instant lastLine;
        long total;
        long sinceLastLine;

        Outage(Instant since) {
            this.since = since;
            this.lastLine = since;
        }
    }

    /** @param sink receives each line (tests collect them; production writes to java.util.logging: WARNING, INFO on recovery) */
    public OutageLog(Clock clock, Duration reminder, BiConsumer<Level, String> sink) {
        this.clock = clock;
        this.reminder = reminder;
        this.sink = sink;
    }

    public static OutageLog shared() {
        return SHARED;
    }

    /**
     * For background work and best-effort steps: when {@code e} is a dependency outage, it is
     * counted here (one line, then a reminder a minute) and this returns true, so the caller logs
     * nothing of its own; a timer that ticks every few seconds would otherwise fill the log.
     */
    public static boolean absorbs(Throwable e) {
        var outage = ErrorClassifier.databaseOutage(e);
        outage.ifPresent(SHARED::failed);
        return outage.isPresent();
    }

    /** A request failed because {@code dependency} is unavailable. */
    public void failed(DependencyUnavailableException e) {
        failed(e.dependency(), e.reason());
    }

    public void failed(String dependency, String reason) {
        String line;
        synchronized (this) {
            Instant now = clock.instant();
            Outage outage = current.get(dependency);
            if (outage == null) {
                current.put(dependency, new Outage(now));
                anyDown = true;
                current.get(dependency).total = 1;
                line = "the " + dependency + " is unavailable (" + reason + "); requests answer 503 until it is back."
                        + " Further failures are counted and reported once every " + reminder.toSeconds() + " s";
            } else {
                outage.total++;
                outage.sinceLastLine++;
                if (Duration.between(outage.lastLine, now).compareTo(reminder) < 0) {
                    return;
                }
                line = "the " + dependency + " is still unavailable after " + seconds(outage.since, now) + " s ("
                        + reason + "): " + outage.sinceLastLine + " requests refused in the last "
                        + seconds(outage.lastLine, now) + " s, " + outage.total + " in all";
                outage.lastLine = now;
                outage.sinceLastLine = 0;
            }
        }
        sink.accept(Level.WARNING, line);
    }

    /** {@code dependency} answered again (cheap when there is no outage: called on every success). */
    public void recovered(String dependency) {
        if (!anyDown) {
            return;
        }
        String line;
        synchronized (this) {
            Outage outage = current.remove(dependency);
            anyDown = !current.isEmpty();
            if (outage == null) {
                return;
            }
            line = "the " + dependency + " is available again after " + seconds(outage.since, clock.instant())
                    + " s of outage; " + outage.total + " requests were refused with 503 meanwhile";
        }
        sink.accept(Level.INFO, line);
    }

    /** Whether an outage of {@code dependency} is being reported at the moment. */
    public boolean isDown(String dependency) {
        if (!anyDown) {
            return false;
        }
        synchronized (this) {
            return current.containsKey(dependency);
        }
    }

    private static long seconds(Instant from, Instant to) {
        return Duration.between(from, to).toSeconds();
    }

    private static void write(Level level, String line) {
        Logger.getLogger(OutageLog.class.getName()).log(level, line);
    }
}
