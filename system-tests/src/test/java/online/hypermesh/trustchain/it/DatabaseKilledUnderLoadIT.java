package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the embedded PostgreSQL under issuance load (8 in parallel): meanwhile requests get
 * 503 problem+json with Retry-After and /health 503 naming the database, server.log stays small
 * (no stack trace per request), the launcher restarts PostgreSQL by itself, and afterwards no
 * certificate that got a 201 is lost and the CT tree continues consistently (new SCTs flow, so the
 * CT leader took its lock again on a new session).
 */
class DatabaseKilledUnderLoadIT {
    private static final int OFFSET = 1200;
    /**
     * Generous: background timers (DNS following, issuance recovery) log a warning with its stack now
     * and then while the database is away; a stack per refused request (about 100 frames each, for
     * hundreds of requests a second) would pass these within the first second.
     */
    private static final long MAX_NEW_LOG_LINES = 5_000;
    private static final long MAX_NEW_STACK_FRAMES = 5_000;
    private static RunningTrustChain server;

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void killedPostgres_isRestartedByTheLauncher_requestsGetAQuiet503_andNothingIsLost() throws Exception {
        Path data = RunningTrustChain.freshWorkDirectory("postgres-killed").resolve("data");
        server = RunningTrustChain.start(data, OFFSET);
        Path serverLog = data.resolve("wildfly").resolve("log").resolve("server.log");
        try (KillUnderLoad load = new KillUnderLoad(data, OFFSET)) {
            JdkHttps https = load.https();
            KillUnderLoad.Sth before = load.sth();
            load.startLoad();
            load.awaitIssued(60);
            long[] logBefore = KillUnderLoad.logLines(serverLog);
            int issuedAtKill = load.issued.size();

            long postmaster = KillUnderLoad.pidIn(data.resolve("postgres").resolve("postmaster.pid"));
            KillUnderLoad.kill9(postmaster);
            long killedAt = System.nanoTime();

            // During the outage: /health 503 naming the database check.
            String down = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (down == null && System.nanoTime() < deadline) {
                JdkHttps.Response h = https.get(load.api + "/health");
                if (h.status() == 503) {
                    down = h.body();
                } else {
                    Thread.sleep(20);
                }
            }
            assertTrue(down != null, "/health never answered 503 while PostgreSQL was down");
            assertTrue(down.contains("\"database\":\"DOWN"), down);

            // The launcher restarts PostgreSQL; /health is UP again without anyone's help.
            double secondsToHealthy = -1;
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (System.nanoTime() < deadline) {
                JdkHttps.Response h = https.get(load.api + "/health");
                if (h.status() == 200 && h.body().contains("\"status\":\"UP\"")) {
                    secondsToHealthy = (System.nanoTime() - killedAt) / 1e9;
                    break;
                }
                Thread.sleep(100);
            }
            assertTrue(secondsToHealthy > 0, "/health did not come back UP:\n" + server.output());
            // WildFly may reconnect a moment before the launcher has printed that its restart is done.
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!server.output().contains("PostgreSQL restarted") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(server.output().contains("PostgreSQL restarted"), server.output());

            // SCTs flow again: issuance works after the restart (a precertificate is logged for each).
            load.awaitIssued(load.issued.size() + 20);
            load.stopLoad();
            long[] logAfter = KillUnderLoad.logLines(serverLog);

            assertTrue(load.unavailable.get() > 0, "requests during the outage get 503");
            assertEquals(0, load.unavailableWithoutRetryAfter.get(), "every 503 is problem+json with Retry-After");
            assertTrue(load.unexpected.isEmpty(), "no 500 or other answer during the outage: " + load.unexpected);
            long newLines = logAfter[0] - logBefore[0];
            long newFrames = logAfter[1] - logBefore[1];
            assertTrue(newLines < MAX_NEW_LOG_LINES && newFrames < MAX_NEW_STACK_FRAMES, "server.log grew by " + newLines
                    + " lines, " + newFrames + " of them stack frames, for " + load.unavailable.get() + " refused requests");

            KillUnderLoad.Sth after = load.sth();
            load.assertConsistent(before, after);
            int found = load.assertEveryIssuedIsStoredAndValid();
            int precertificates = load.assertEveryLoggedPrecertificateHasARow(after.size());
            assertEquals(load.issued.size(), found);
            assertTrue(precertificates >= found);
            System.out.println("[kill -9 PostgreSQL] " + load.figures("kill -9 PostgreSQL", found, secondsToHealthy)
                    + "; " + issuedAtKill + " issued before the kill; tree " + before.size() + " -> " + after.size()
                    + " consistent; server.log +" + newLines + " lines (" + newFrames + " stack frames)");
        }
    }
}
