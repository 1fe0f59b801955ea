package online.hypermesh.trustchain.sinks.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import online.hypermesh.trustchain.ct.support.TestDatabase;
import online.hypermesh.trustchain.sinks.cef.CefMapping;
import online.hypermesh.trustchain.sinks.delivery.Backoff;
import online.hypermesh.trustchain.sinks.delivery.SinkDelivery;
import online.hypermesh.trustchain.sinks.delivery.SinkRoutes;
import online.hypermesh.trustchain.sinks.outbox.EventOutbox;
import online.hypermesh.trustchain.sinks.outbox.JdbcEventOutbox;

/**
 * The whole SIEM path against real things: the outbox in PostgreSQL with the real migrations, the
 * delivery, the syslog/CEF sink over TLS to a JDK TLS receiver, and the Camel routes.
 */
class SiemDeliveryTest {
    private static final Pattern SEQ = Pattern.compile(" seq=\"(\\d+)\"");
    private static final Pattern KEY = Pattern.compile("\\[trustchain@32473 key=\"([0-9a-f]{64})\"");

    @TempDir
    Path dir;

    private DataSource db;
    private EventOutbox outbox;
    private TestPki pki;
    private TlsSyslogReceiver receiver;
    private long nextSeq = 1;
    private final MutableClock clock = new MutableClock();

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.freshDatabase();
        outbox = new JdbcEventOutbox(db);
        pki = TestPki.create("siem");
        receiver = new TlsSyslogReceiver(pki.serverContext()).start();
    }

    @AfterEach
    void tearDown() throws Exception {
        receiver.close();
    }

    private SiemSink sink(int maxBytes) throws Exception {
        SyslogTlsTransport t = new SyslogTlsTransport(new SyslogTlsTransport.Target("localhost", receiver.port(),
                pki.writeCa(dir.resolve("ca.pem")), java.util.Optional.empty(), new char[0], Duration.ofSeconds(5), Duration.ofMillis(20)));
        return new SiemSink(t, new CefMapping("test"), "ca-0", maxBytes);
    }

    private SinkDelivery delivery(SiemSink sink, String node, int batch) {
        return new SinkDelivery(outbox, sink, sink::send, node,
                new SinkDelivery.Options(batch, new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30)), Duration.ofSeconds(30)), clock);
    }

    /** Commits audit events and chains them, as the issuance path and the sealer do. */
    private void chain(int count, String details) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement event = c.prepareStatement("insert into audit_event (occurred_at, actor, action, object_type, object_id, node, details)"
                     + " values (now(), 'admin', 'certificate.issued', 'certificate', ?, 'ca-0', ?::jsonb) returning id");
             PreparedStatement chained = c.prepareStatement("insert into audit_chain (seq, event_id, hash) values (?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                long seq = nextSeq++;
                event.setString(1, "serial-" + seq);
                event.setString(2, details);
                long id;
                try (ResultSet r = event.executeQuery()) {
                    r.next();
                    id = r.getLong(1);
                }
                chained.setLong(1, seq);
                chained.setLong(2, id);
                chained.setBytes(3, MessageDigest.getInstance("SHA-256").digest(Long.toString(seq).getBytes()));
                chained.executeUpdate();
            }
        }
    }

    private List<Long> receivedSeqs() {
        List<Long> out = new ArrayList<>();
        for (String m : receiver.messages()) {
            Matcher s = SEQ.matcher(m);
            assertTrue(s.find(), m);
            out.add(Long.parseLong(s.group(1)));
        }
        return out;
    }

    private void awaitReceived(int n) throws InterruptedException {
        for (int i = 0; i < 400 && receiver.messages().size() < n; i++) {
            Thread.sleep(25);
        }
    }

    @Test
    void everyEventArrivesInOrderAsRfc5424WithCefAndTheCursorFollows() throws Exception {
        chain(25, "{\"profile\":\"server\",\"note\":\"a]b\\\"c=d|e\"}");
        SinkDelivery d = delivery(sink(8192), "ca-0", 10);
        for (int i = 0; i < 3; i++) {
            d.tick();
        }
        awaitReceived(25);
        assertEquals(java.util.stream.LongStream.rangeClosed(1, 25).boxed().toList(), receivedSeqs());
        assertEquals(25, outbox.cursor("siem"));
        assertEquals(0, outbox.lag("siem"));
        assertEquals(0, d.lag());
        String first = receiver.messages().get(0);
        // <PRI> = 13 * 8 + notice (CEF severity 3), version 1, app-name, MSGID the action, escaped SD, CEF as MSG
        assertTrue(first.startsWith("<109>1 "), first);
        assertTrue(first.contains(" ca-0 trustchain - certificate.issued [trustchain@32473 key=\""), first);
        assertTrue(first.contains("[details@32473 note=\"a\\]b\\\"c=d|e\" profile=\"server\"]"), first);
        Matcher key = KEY.matcher(first);
        assertTrue(key.find());
        assertTrue(first.contains("] CEF:0|Hypermesh|TrustChain|test|100|Certificate issued|3|"), first);
        assertTrue(first.contains(" cs1Label=idempotencyKey cs1=" + key.group(1) + " "), first);
        assertTrue(first.contains(" ad.note=a]b\"c\\=d|e ad.profile=server"), first);
    }

    @Test
    void aPoisonEventIsParkedWithItsReasonAndTheOthersArriveInOrder() throws Exception {
        chain(2, "{}");
        chain(1, "{\"huge\":\"" + "x".repeat(3000) + "\"}");
        chain(2, "{}");
        SinkDelivery d = delivery(sink(2048), "ca-0", 100);
        d.tick();
        awaitReceived(4);
        assertEquals(List.of(1L, 2L, 4L, 5L), receivedSeqs());
        List<EventOutbox.DeadLetter> dead = outbox.deadLetters("siem", 10);
        assertEquals(1, dead.size());
        assertEquals(3, dead.get(0).seq());
        assertTrue(dead.get(0).reason().contains("more than the receiver's 2048"), dead.get(0).reason());
        assertEquals(5, outbox.cursor("siem"));
        assertEquals(1, d.deadLettered());
    }

    @Test
    void aSinkThatIsDownBacksOffExponentiallyKeepsTheCursorAndThenEverythingArrives() throws Exception {
        receiver.stop();
        chain(30, "{}");
        SinkDelivery d = delivery(sink(8192), "ca-0", 7);
        d.tick();
        assertEquals(1, d.failures());
        assertEquals(clock.instant().plusMillis(500), d.retryAt());
        d.tick(); // before retryAt: no attempt
        assertEquals(1, d.failures());
        clock.advance(Duration.ofMillis(500));
        d.tick();
        assertEquals(2, d.failures());
        assertEquals(clock.instant().plusMillis(1000), d.retryAt());
        for (int i = 0; i < 8; i++) {
            clock.advance(d.retryAt().isAfter(clock.instant()) ? Duration.between(clock.instant(), d.retryAt()) : Duration.ZERO);
            d.tick();
        }
        assertEquals(10, d.failures());
        assertEquals(clock.instant().plusSeconds(30), d.retryAt(), "capped at the maximum");
        assertEquals(0, outbox.cursor("siem"));
        assertEquals(30, d.lag());
        chain(4, "{}");
        clock.advance(Duration.ofSeconds(5));
        d.tick(); // still in the backoff: no attempt, but the lag follows the chain
        assertEquals(10, d.failures());
        assertEquals(34, d.lag());

        receiver.start();
        clock.advance(Duration.ofSeconds(30));
        for (int i = 0; i < 10 && outbox.lag("siem") > 0; i++) {
            d.tick();
        }
        awaitReceived(34);
        assertEquals(0, d.failures());
        assertEquals(0, d.lag());
        assertEquals(java.util.stream.LongStream.rangeClosed(1, 34).boxed().toList(), receivedSeqs());
    }

    @Test
    void aReceiverThatGoesAwayMidStreamLosesNothingAndDuplicatesAreOnlyTheResentBatch() throws Exception {
        chain(10, "{}");
        SinkDelivery d = delivery(sink(8192), "ca-0", 5);
        d.tick();
        d.tick();
        awaitReceived(10);
        receiver.stop();
        chain(10, "{}");
        clock.advance(Duration.ofSeconds(1));
        d.tick(); // the dead connection is noticed; nothing listens
        receiver.start();
        for (int i = 0; i < 20 && outbox.lag("siem") > 0; i++) {
            clock.advance(Duration.ofSeconds(31));
            d.tick();
        }
        awaitReceived(20);
        List<Long> seqs = receivedSeqs();
        assertEquals(20, new HashSet<>(seqs).size(), "every event arrived: " + seqs);
        assertTrue(seqs.size() - 20 <= 5, "at most the last batch again: " + seqs);
        assertEquals(20, outbox.cursor("siem"));
    }

    @Test
    void onlyTheNodeHoldingTheLeaseSends() throws Exception {
        chain(3, "{}");
        SinkDelivery first = delivery(sink(8192), "ca-0", 10);
        SinkDelivery second = delivery(sink(8192), "ca-1", 10);
        first.tick();
        awaitReceived(3);
        chain(3, "{}");
        second.tick();
        Thread.sleep(100);
        assertEquals(3, receiver.messages().size(), "ca-1 waits for the lease");
        first.stop(); // a clean stop gives the lease up
        clock.advance(Duration.ofSeconds(16));
        second.tick();
        awaitReceived(6);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), receivedSeqs());
    }

    @Test
    void theCamelRoutesPollTheOutboxAndSendThroughTheDirectRoute() throws Exception {
        chain(12, "{}");
        SiemSink sink = sink(8192);
        SinkRoutes routes = new SinkRoutes(sink, outbox, "ca-0",
                new SinkDelivery.Options(5, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)), Duration.ofSeconds(30)),
                Duration.ofMillis(50));
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(routes);
            camel.start();
            assertEquals(List.of("siem-outbox", "siem-send"), camel.getRoutes().stream().map(r -> r.getRouteId()).sorted().toList());
            awaitReceived(12);
            chain(3, "{}");
            awaitReceived(15);
            camel.stop();
        }
        routes.delivery().stop();
        assertEquals(java.util.stream.LongStream.rangeClosed(1, 15).boxed().toList(), receivedSeqs());
        assertEquals(15, outbox.cursor("siem"));
    }

    /** A clock the test moves by hand, for the backoff. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-12-03T06:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
