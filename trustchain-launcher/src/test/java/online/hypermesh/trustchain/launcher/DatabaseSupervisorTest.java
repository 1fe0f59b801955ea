package online.hypermesh.trustchain.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The supervision logic, driven tick by tick with a database that dies when told to and a clock in our hands. */
class DatabaseSupervisorTest {
    private long now = 1_000_000_000L;
    private final List<String> gaveUp = new ArrayList<>();

    /** A database whose liveness and restart outcome the test decides. */
    private static final class FakeDatabase implements DatabaseSupervisor.Supervised {
        boolean alive = true;
        boolean restartFails;
        int restarts;

        @Override
        public boolean isAlive() {
            return alive;
        }

        @Override
        public void restart() {
            restarts++;
            if (restartFails) {
                throw new LauncherException("The embedded PostgreSQL did not start (disk full).", null);
            }
            alive = true;
        }

        @Override
        public String describe() {
            return "port 1, cluster /tmp/pg";
        }
    }

    private final FakeDatabase db = new FakeDatabase();
    private final DatabaseSupervisor supervisor = new DatabaseSupervisor(db, new RestartBudget(3, Duration.ofMinutes(10)),
            gaveUp::add, () -> now);

    @Test
    void aRunningDatabase_isLeftAlone() {
        for (int i = 0; i < 100; i++) {
            supervisor.check();
        }
        assertEquals(0, db.restarts);
    }

    @Test
    void aDeadDatabase_isRestarted_onEachCrash_whileTheBudgetLasts() {
        db.alive = false;
        supervisor.check();
        assertEquals(1, db.restarts);
        assertTrue(db.alive);
        supervisor.check();
        assertEquals(1, db.restarts, "no restart while it runs");

        db.alive = false;
        now += Duration.ofMinutes(1).toNanos();
        supervisor.check();
        assertEquals(2, db.restarts);
        assertTrue(gaveUp.isEmpty());
    }

    @Test
    void aDatabaseThatKeepsDying_isGivenUpOn_once_withAClearMessage() {
        db.restartFails = true;
        db.alive = false;
        for (int i = 0; i < 10; i++) {
            supervisor.check();
            now += Duration.ofSeconds(1).toNanos();
        }
        assertEquals(3, db.restarts, "bounded: three attempts, then no more");
        assertEquals(1, gaveUp.size());
        assertTrue(gaveUp.get(0).contains("after 3 restarts within 10 min; giving up and stopping TrustChain"), gaveUp.get(0));
        assertTrue(supervisor.hasGivenUp());
    }

    @Test
    void crashesSpreadOverTime_areEachRestarted_becauseTheBudgetSlides() {
        for (int i = 0; i < 10; i++) {
            db.alive = false;
            supervisor.check();
            now += Duration.ofMinutes(4).toNanos();
        }
        assertEquals(10, db.restarts);
        assertTrue(gaveUp.isEmpty());
    }

    @Test
    void aRestartThatFailsOnce_isRetriedOnTheNextTick() {
        db.alive = false;
        db.restartFails = true;
        supervisor.check();
        assertFalse(db.alive);
        db.restartFails = false;
        supervisor.check();
        assertTrue(db.alive);
        assertEquals(2, db.restarts);
        assertTrue(gaveUp.isEmpty());
    }

    @Test
    void restartBudget_slidingWindow() {
        RestartBudget budget = new RestartBudget(2, Duration.ofSeconds(10));
        long t = 0;
        assertTrue(budget.tryAttempt(t));
        assertTrue(budget.tryAttempt(t + 1));
        assertFalse(budget.tryAttempt(t + Duration.ofSeconds(9).toNanos()));
        assertTrue(budget.tryAttempt(t + Duration.ofSeconds(10).toNanos()), "the first attempt left the window");
    }
}
