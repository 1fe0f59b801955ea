package online.hypermesh.trustchain.sinks.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

import online.hypermesh.trustchain.ct.log.JdbcLogStore;
import online.hypermesh.trustchain.ct.log.LogIdentity;
import online.hypermesh.trustchain.ct.log.LogReader;
import online.hypermesh.trustchain.ct.log.PostgresAdvisoryLock;
import online.hypermesh.trustchain.ct.log.Sequencer;
import online.hypermesh.trustchain.ct.log.SequencerSettings;
import online.hypermesh.trustchain.ct.submit.AcceptedRoots;
import online.hypermesh.trustchain.ct.submit.ChainValidator;
import online.hypermesh.trustchain.ct.support.KeyPairLogSigner;
import online.hypermesh.trustchain.ct.support.TestDatabase;
import online.hypermesh.trustchain.ct.support.TestPki;
import online.hypermesh.trustchain.sinks.delivery.Backoff;
import online.hypermesh.trustchain.sinks.outbox.JdbcEventOutbox;

/**
 * The CT log's tiles and checkpoints in the bucket: a real log (sequencer, PostgreSQL store,
 * reader) fed real certificate chains, archived to S3Proxy, read back with the root recomputed
 * from the tiles; a tile changed in the store is named by its first leaf.
 */
class CtArchiveTest {
    private static final String BUCKET = "trustchain-ct";

    @TempDir
    Path dir;

    private DataSource db;
    private S3ProxyServer s3;
    private S3Client client;
    private S3Archive.Target target;
    private final KeyPair logKey = TestPki.ecKey();
    private final TestPki pki = new TestPki("CT archive");
    private LogReader reader;
    private Sequencer sequencer;
    private ChainValidator validator;
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private final List<String> writes = Collections.synchronizedList(new ArrayList<>());
    private int names;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.freshDatabase();
        s3 = new S3ProxyServer(dir).start();
        target = new S3Archive.Target(s3.endpoint(), "us-east-1", BUCKET, "prod", true, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, 7);
        client = S3Archive.client(target, Clock.systemUTC(), List.of());
        client.createBucket(b -> b.bucket(BUCKET));
        LogIdentity identity = new LogIdentity(logKey.getPublic(), "ct.test.example/archive");
        JdbcLogStore store = new JdbcLogStore(db);
        reader = new LogReader(identity, store, 100);
        sequencer = new Sequencer(identity, new KeyPairLogSigner(logKey), store,
                new PostgresAdvisoryLock(db::getConnection, PostgresAdvisoryLock.keyFor(identity.logId())),
                new SequencerSettings(Duration.ofMillis(2), 4096, 100_000, Duration.ofSeconds(30), Duration.ofMillis(50)), System::currentTimeMillis);
        sequencer.start(executor);
        validator = new ChainValidator(new AcceptedRoots(List.of(pki.root)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!sequencer.isLeading() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        sequencer.close();
        executor.shutdownNow();
        client.close();
        s3.close();
    }

    private void log(int count) throws Exception {
        List<CompletableFuture<?>> added = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            added.add(sequencer.submit(validator.validateCertificateChain(List.of(pki.leaf("leaf-" + names++ + ".example").getEncoded(),
                    pki.intermediate.getEncoded()))));
        }
        CompletableFuture.allOf(added.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (reader.latestTreeHead().treeSize() < names && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(names, reader.latestTreeHead().treeSize());
    }

    private CtArchiveDelivery delivery() {
        CtTileSource source = new CtTileSource() {
            @Override
            public String checkpoint() {
                return reader.checkpoint();
            }

            @Override
            public java.util.Optional<byte[]> hashTile(online.hypermesh.trustchain.ct.statics.TileCoordinates tile) {
                return reader.hashTile(tile);
            }

            @Override
            public java.util.Optional<byte[]> dataTile(online.hypermesh.trustchain.ct.statics.TileCoordinates tile) {
                return reader.dataTile(tile);
            }
        };
        return new CtArchiveDelivery(new JdbcEventOutbox(db), source, (key, bytes) -> {
            writes.add(key);
            client.putObject(PutObjectRequest.builder().bucket(BUCKET).key(key).metadata(Map.of(S3Archive.CHECKSUM_METADATA, AuditSegment.sha256(bytes)))
                    .build(), RequestBody.fromBytes(bytes));
        }, target.prefix(), "ca-0", new Backoff(Duration.ofMillis(100), Duration.ofMillis(400)), Duration.ofSeconds(30), Clock.systemUTC());
    }

    private List<String> keys() {
        return client.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream().map(S3Object::key).sorted().toList();
    }

    @Test
    void tilesAndCheckpointsArriveAndTheRootIsRecomputed_aChangedTileIsNamed() throws Exception {
        log(300);
        CtArchiveDelivery d = delivery();
        d.tick();
        assertEquals(List.of("prod/ct/checkpoint", "prod/ct/checkpoints/00000000000000000300", "prod/ct/tile/0/000", "prod/ct/tile/0/001.p/44",
                "prod/ct/tile/1/000.p/1", "prod/ct/tile/data/000", "prod/ct/tile/data/001.p/44"), keys());
        CtArchiveVerifier.Result r = CtArchiveVerifier.verify(client, target, logKey.getPublic());
        assertTrue(r.ok(), r.reason());
        assertEquals(300, r.treeSize());

        // The tree grows: only what changed is written again (the full tile 0/000 is not).
        log(20);
        writes.clear();
        d.tick();
        assertFalse(writes.contains("prod/ct/tile/0/000"), writes.toString());
        assertTrue(writes.containsAll(List.of("prod/ct/tile/0/001.p/64", "prod/ct/tile/data/001.p/64", "prod/ct/checkpoints/00000000000000000320")),
                writes.toString());
        r = CtArchiveVerifier.verify(client, target, logKey.getPublic());
        assertTrue(r.ok(), r.reason());
        assertEquals(320, r.treeSize());

        // One leaf hash of the first tile changed in S3Proxy's file.
        Path tile = s3.blobs().resolve(BUCKET).resolve("prod/ct/tile/0/000");
        byte[] original = Files.readAllBytes(tile);
        byte[] changed = original.clone();
        changed[32 * 77] ^= 1;
        Files.write(tile, changed);
        r = CtArchiveVerifier.verify(client, target, logKey.getPublic());
        assertFalse(r.ok());
        assertEquals(0, r.failedAtLeaf(), r.reason());
        assertEquals(List.of("prod/ct/tile/0/000"), r.damaged());

        // Written again through the API with a matching checksum: the recomputed root still gives it away.
        client.putObject(PutObjectRequest.builder().bucket(BUCKET).key("prod/ct/tile/0/000")
                .metadata(Map.of(S3Archive.CHECKSUM_METADATA, AuditSegment.sha256(changed))).build(), RequestBody.fromBytes(changed));
        r = CtArchiveVerifier.verify(client, target, logKey.getPublic());
        assertFalse(r.ok());
        assertEquals(0, r.failedAtLeaf(), r.reason());
        assertEquals(List.of(), r.damaged());
        assertTrue(r.reason().contains("do not hash to the root"), r.reason());

        // A checkpoint signed by another key is refused.
        r = CtArchiveVerifier.verify(client, target, TestPki.ecKey().getPublic());
        assertFalse(r.ok());
        assertTrue(r.reason().contains("not signed by the log's key"), r.reason());
    }
}
