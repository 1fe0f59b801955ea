package online.hypermesh.trustchain.sinks.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

import online.hypermesh.trustchain.core.audit.AuditBundleVerifier;
import online.hypermesh.trustchain.ct.support.TestDatabase;
import online.hypermesh.trustchain.sinks.delivery.Backoff;
import online.hypermesh.trustchain.sinks.outbox.EventOutbox;
import online.hypermesh.trustchain.sinks.outbox.JdbcEventOutbox;

/**
 * The S3 archive against real things: the audit chain and the outbox in PostgreSQL with the real
 * migrations, S3Proxy over a local directory, the AWS SDK client with its interceptor, Camel's
 * aws2-s3 producer and the archive's routes. S3Proxy does not enforce object lock, so the lock is
 * checked on the wire: the headers of every PUT as the SDK sent them.
 */
class S3ArchiveTest {
    private static final String BUCKET = "trustchain-audit";

    @TempDir
    Path dir;

    private DataSource db;
    private EventOutbox outbox;
    private TestChain chain;
    private S3ProxyServer s3;
    private S3Archive.Target target;
    private final List<Map<String, List<String>>> puts = Collections.synchronizedList(new ArrayList<>());
    private S3Client client;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.freshDatabase();
        outbox = new JdbcEventOutbox(db);
        chain = new TestChain(db);
        s3 = new S3ProxyServer(dir).start();
        target = new S3Archive.Target(s3.endpoint(), "us-east-1", BUCKET, "prod/ca-1", true, S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY, 7);
        client = S3Archive.client(target, Clock.systemUTC(), List.of(new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (context.httpRequest().method() == SdkHttpMethod.PUT) {
                    puts.add(context.httpRequest().headers());
                }
            }
        }));
        client.createBucket(b -> b.bucket(BUCKET));
        puts.clear();
    }

    @AfterEach
    void tearDown() throws Exception {
        client.close();
        s3.close();
    }

    private S3ArchiveDelivery delivery(int maxEvents) {
        AuditSegments segments = new AuditSegments(db, chain.auditKey.getPublic().getEncoded());
        return new S3ArchiveDelivery(outbox, segments, (key, segment) -> client.putObject(PutObjectRequest.builder().bucket(BUCKET).key(key)
                        .metadata(Map.of(S3Archive.CHECKSUM_METADATA, segment.sha256())).build(), RequestBody.fromBytes(segment.bytes())),
                target.prefix(), maxEvents, "ca-0", new Backoff(Duration.ofMillis(100), Duration.ofMillis(400)), Duration.ofSeconds(30),
                Clock.systemUTC());
    }

    private List<String> keys() {
        return client.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream().map(S3Object::key).toList();
    }

    private static String key(long first, long last) {
        return String.format("prod/ca-1/audit/%020d-%020d.bundle", first, last);
    }

    private byte[] object(String key) {
        return client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
    }

    @Test
    void segmentsEndAtCheckpoints_carryTheirChecksumAndTheLock_andTheArchiveVerifies() throws Exception {
        chain.events(30);
        chain.checkpoint();            // at 30
        chain.events(10);
        chain.checkpoint();            // at 40
        chain.checkpoint();            // at 40 again: only the first goes into a segment
        chain.events(5);               // 41-45: no checkpoint yet, so not archived yet
        S3ArchiveDelivery d = delivery(12);
        Instant before = Instant.now();
        d.tick();

        // 1-12 and 13-24 full (no checkpoint before 30 within 12 events), 25-30 closed by its checkpoint, 31-40 by the next.
        assertEquals(List.of(key(1, 12), key(13, 24), key(25, 30), key(31, 40)), keys());
        assertEquals(40, outbox.cursor(S3ArchiveDelivery.SINK));
        assertEquals(5, outbox.lag(S3ArchiveDelivery.SINK));
        assertEquals(5, d.lag());
        assertEquals(4, puts.size());
        for (int i = 0; i < puts.size(); i++) {
            Map<String, List<String>> h = puts.get(i);
            String k = keys().get(i);
            assertEquals(List.of(AuditSegment.sha256(object(k))), h.get("x-amz-checksum-sha256"), k + ": SHA-256 sent with the PUT");
            assertEquals(List.of("COMPLIANCE"), h.get("x-amz-object-lock-mode"), k + ": compliance lock requested");
            Instant until = Instant.parse(h.get("x-amz-object-lock-retain-until-date").get(0));
            Instant sevenYears = before.atZone(ZoneOffset.UTC).plusYears(7).toInstant();
            assertTrue(!until.isBefore(sevenYears.minusSeconds(5)) && until.isBefore(sevenYears.plusSeconds(120)), k + " retained until " + until);
        }
        HeadObjectResponse head = client.headObject(b -> b.bucket(BUCKET).key(key(25, 30)).checksumMode(ChecksumMode.ENABLED));
        assertEquals(AuditSegment.sha256(object(key(25, 30))), head.checksumSHA256(), "the store kept the checksum");

        // A segment closed by a checkpoint is an audit bundle the offline verifier takes on its own.
        AuditBundleVerifier.Result alone = AuditBundleVerifier.verify(new String(object(key(25, 30)), StandardCharsets.UTF_8));
        assertTrue(alone.ok(), alone.reason());
        assertEquals(25, alone.firstSeq());
        assertEquals(1, alone.checkpoints());

        S3ArchiveVerifier.Result all = S3ArchiveVerifier.verify(client, target);
        assertTrue(all.ok(), all.reason());
        assertEquals(4, all.objects());
        assertEquals(40, all.events());
        assertEquals(40, all.lastSeq());
        assertEquals(2, all.checkpoints());

        // The next checkpoint lets the tail go.
        chain.checkpoint();
        d.tick();
        assertEquals(key(41, 45), keys().get(4));
        assertEquals(0, outbox.lag(S3ArchiveDelivery.SINK));
        assertTrue(S3ArchiveVerifier.verify(client, target).ok());
    }

    @Test
    void writingAgainAfterACrashGivesTheSameObjects() throws Exception {
        chain.events(20);
        chain.checkpoint();
        chain.events(7);
        chain.checkpoint();
        delivery(10).tick();
        List<String> first = keys();
        List<byte[]> bytes = first.stream().map(this::object).toList();
        // As if the node died after the writes and before the cursor's commits: the cursor back at 0.
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("update event_sink set position = 0 where sink = 's3'");
        }
        chain.checkpoint(); // a later checkpoint of the same size changes nothing
        delivery(10).tick();
        assertEquals(first, keys(), "the same keys");
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(bytes.get(i), object(first.get(i)), first.get(i) + ": the same bytes");
        }
        assertEquals(27, outbox.cursor(S3ArchiveDelivery.SINK));
    }

    @Test
    void tamperingWithAnObjectInTheStoreIsReportedAtItsPosition() throws Exception {
        chain.events(30);
        chain.checkpoint();
        delivery(10).tick();
        assertTrue(S3ArchiveVerifier.verify(client, target).ok());

        // Behind the store's back: one event of 11-20 changed in the file S3Proxy keeps.
        Path file = s3.blobs().resolve(BUCKET).resolve(key(11, 20));
        String original = Files.readString(file);
        Files.writeString(file, original.replace("\"object_id\":\"serial-15\"", "\"object_id\":\"serial-51\""));
        S3ArchiveVerifier.Result r = S3ArchiveVerifier.verify(client, target);
        assertFalse(r.ok());
        assertEquals(15, r.failedAt(), r.reason());
        assertEquals(List.of(key(11, 20)), r.damaged(), "its bytes no longer match the stored checksum");

        // Through the API, with a fresh, matching checksum: the chain still gives it away.
        String changed = original.replace("\"object_id\":\"serial-17\"", "\"object_id\":\"serial-71\"");
        client.putObject(b -> b.bucket(BUCKET).key(key(11, 20)).metadata(Map.of(S3Archive.CHECKSUM_METADATA,
                AuditSegment.sha256(changed.getBytes(StandardCharsets.UTF_8)))), RequestBody.fromString(changed));
        r = S3ArchiveVerifier.verify(client, target);
        assertFalse(r.ok());
        assertEquals(17, r.failedAt(), r.reason());
        assertTrue(r.reason().contains("does not hash to its stored chain hash"), r.reason());
        assertEquals(List.of(), r.damaged());

        // A segment removed.
        client.deleteObject(b -> b.bucket(BUCKET).key(key(11, 20)));
        r = S3ArchiveVerifier.verify(client, target);
        assertFalse(r.ok());
        assertEquals(11, r.failedAt(), r.reason());
        assertTrue(r.reason().contains("positions 11 to 20 are missing"), r.reason());
    }

    @Test
    void theRoutesArchiveThroughCamel_andAStoreThatIsDownDelaysButLosesNothing() throws Exception {
        s3.stop(); // down before the routes even start
        chain.events(15);
        chain.checkpoint();
        S3ArchiveRoutes routes = new S3ArchiveRoutes(target, client, new AuditSegments(db, chain.auditKey.getPublic().getEncoded()), null, outbox,
                "ca-0", 10, new Backoff(Duration.ofMillis(100), Duration.ofMillis(500)), Duration.ofSeconds(30), Duration.ofMillis(50));
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(routes);
            camel.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (routes.delivery().failures() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(routes.delivery().failures() >= 3, "the store is down: attempts fail");
            assertNotNull(routes.delivery().lastError());
            assertEquals(0, outbox.cursor(S3ArchiveDelivery.SINK), "nothing passes the cursor while the store is down");
            chain.events(12);
            chain.checkpoint();
            s3.start();
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (outbox.cursor(S3ArchiveDelivery.SINK) < 27 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(27, outbox.cursor(S3ArchiveDelivery.SINK), "everything archived once the store is back");
        }
        assertEquals(List.of(key(1, 10), key(11, 15), key(16, 25), key(26, 27)), keys());
        S3ArchiveVerifier.Result r = S3ArchiveVerifier.verify(client, target);
        assertTrue(r.ok(), r.reason());
        assertEquals(27, r.events());
        assertTrue(puts.stream().allMatch(h -> h.containsKey("x-amz-checksum-sha256") && h.containsKey("x-amz-object-lock-mode")),
                "Camel's producer went through the archive's client: " + puts);
    }
}
