package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the WildFly JVM under issuance load (8 in parallel), then a restart the README way
 * ({@code ./trustchain run} on the same data directory): no certificate that got a 201 is lost,
 * every logged precertificate has its row, and the CT tree continues consistently.
 */
class WildFlyKilledUnderLoadIT {
    private static final int OFFSET = 1100;
    private static RunningTrustChain server;

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void killedWildFly_losesNoIssuedCertificate_andTheTreeStaysConsistent() throws Exception {
        Path data = RunningTrustChain.freshWorkDirectory("wildfly-killed").resolve("data");
        server = RunningTrustChain.start(data, OFFSET);
        try (KillUnderLoad load = new KillUnderLoad(data, OFFSET)) {
            KillUnderLoad.Sth before = load.sth();
            load.startLoad();
            load.awaitIssued(60);
            long wildfly = KillUnderLoad.pidIn(data.resolve("wildfly").resolve("wildfly.pid"));
            KillUnderLoad.kill9(wildfly);
            long killedAt = System.nanoTime();
            // The launcher notices, stops PostgreSQL and exits; then start it again as the README says.
            assertTrue(server.awaitExit(120, TimeUnit.SECONDS), "the launcher stops when WildFly dies:\n" + server.output());
            load.stopLoad();
            server = RunningTrustChain.start(data, OFFSET);
            double secondsToHealthy = (System.nanoTime() - killedAt) / 1e9;

            KillUnderLoad.Sth after = load.sth();
            load.assertConsistent(before, after);
            int found = load.assertEveryIssuedIsStoredAndValid();
            int precertificates = load.assertEveryLoggedPrecertificateHasARow(after.size());
            assertEquals(load.issued.size(), found);
            assertTrue(precertificates >= found, "every issued certificate's precertificate is in the log");
            assertTrue(load.unexpected.isEmpty(), "unexpected answers: " + load.unexpected);
            System.out.println("[kill -9 WildFly] " + load.figures("kill -9 WildFly", found, secondsToHealthy)
                    + "; tree " + before.size() + " -> " + after.size() + " consistent");
        }
    }
}
