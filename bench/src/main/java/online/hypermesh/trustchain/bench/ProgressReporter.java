package online.hypermesh.trustchain.bench;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/** Prints one line per interval with the rate, errors and latency of that interval. */
final class ProgressReporter {
    private final RunControl control;
    private final PrintStream out;
    private final long runStartNanos;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-progress");
        thread.setDaemon(true);
        return thread;
    });
    private PhaseStats lastPhase;
    private long lastTickNanos;
    private long lastOk;
    private long lastErrors;

    ProgressReporter(RunControl control, PrintStream out, long runStartNanos) {
        this.control = control;
        this.out = out;
        this.runStartNanos = runStartNanos;
    }

    void start(int intervalSeconds) {
        timer.scheduleAtFixedRate(this::tick, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    }

    void stop() {
        timer.shutdownNow();
    }

    private synchronized void tick() {
        PhaseStats phase = control.active();
        if (phase == null) {
            return;
        }
        long now = System.nanoTime();
        if (phase != lastPhase) {
            lastPhase = phase;
            lastTickNanos = phase.startNanos();
            lastOk = 0;
            lastErrors = 0;
        }
        Histogram interval = phase.drainInterval();
        long ok = phase.outcomes().successes();
        long errors = phase.outcomes().failures();
        double seconds = Math.max((now - lastTickNanos) / 1e9, 1e-9);
        double rate = ((ok - lastOk) + (errors - lastErrors)) / seconds;
        out.println(SummaryFormatter.progress((now - runStartNanos) / 1_000_000_000L, phase.name(), rate,
                ok, errors, LatencySnapshot.of(interval)));
        lastTickNanos = now;
        lastOk = ok;
        lastErrors = errors;
    }
}
