package online.hypermesh.trustchain.launcher;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Watches the embedded PostgreSQL while TrustChain runs, as the launcher watches WildFly: when the
 * postmaster is gone (killed, crashed, OOM-killed) it is started again on the same cluster and port,
 * so WildFly's pool reconnects by itself and requests meanwhile get 503. Restarts are bounded by a
 * {@link RestartBudget}; once it is spent the supervisor gives up through {@code onGiveUp}, and the
 * launcher stops everything with that message. {@link #check()} is one tick, for tests.
 */
final class DatabaseSupervisor implements AutoCloseable {

    /** The supervised database. */
    interface Supervised {
        /** Whether the postmaster process still runs. */
        boolean isAlive();

        /** Starts it again on the same cluster and port; throws LauncherException if it does not come up. */
        void restart();

        /** For messages: "port 5432, cluster /...". */
        String describe();
    }

    private final Supervised database;
    private final RestartBudget budget;
    private final Consumer<String> onGiveUp;
    private final LongSupplier nanoTime;
    private volatile ScheduledExecutorService ticker;
    private boolean gaveUp;
    private boolean down;

    DatabaseSupervisor(Supervised database, RestartBudget budget, Consumer<String> onGiveUp, LongSupplier nanoTime) {
        this.database = database;
        this.budget = budget;
        this.onGiveUp = onGiveUp;
        this.nanoTime = nanoTime;
    }

    /** Checks every {@code period} on a daemon thread of its own. */
    synchronized void start(Duration period) {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "trustchain-postgres-supervisor");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::checkSafely, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; a supervisor must keep watching.
            Console.error("Supervising PostgreSQL failed: " + e);
        }
    }

    /** One look: nothing if PostgreSQL runs; otherwise a restart, or giving up once the budget is spent. */
    synchronized void check() {
        if (gaveUp || database.isAlive()) {
            down = false;
            return;
        }
        if (!down) {
            Console.error("The embedded PostgreSQL (" + database.describe() + ") is not running any more;"
                    + " TrustChain answers 503 until it is back. Restarting it.");
            down = true;
        }
        if (!budget.tryAttempt(nanoTime.getAsLong())) {
            gaveUp = true;
            onGiveUp.accept("The embedded PostgreSQL (" + database.describe() + ") stopped again after " + budget.max()
                    + " restarts within " + budget.window().toMinutes() + " min; giving up and stopping TrustChain."
                    + " See the PostgreSQL log for why it dies.");
            return;
        }
        long t0 = nanoTime.getAsLong();
        try {
            database.restart();
            down = false;
            Console.info("PostgreSQL restarted (" + database.describe() + ", attempt " + budget.used() + " of " + budget.max()
                    + " within " + budget.window().toMinutes() + " min, " + Duration.ofNanos(nanoTime.getAsLong() - t0).toMillis()
                    + " ms)");
        } catch (LauncherException e) {
            Console.error("Restarting PostgreSQL failed (attempt " + budget.used() + " of " + budget.max() + "): "
                    + e.getMessage());
        }
    }

    synchronized boolean hasGivenUp() {
        return gaveUp;
    }

    /** Not synchronized: a tick may be restarting PostgreSQL and waiting for the launcher, which is stopping. */
    @Override
    public void close() {
        ScheduledExecutorService t = ticker;
        if (t != null) {
            t.shutdownNow();
        }
    }
}
