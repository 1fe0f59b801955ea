package online.hypermesh.trustchain.sinks.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.ct.support.TestDatabase;
import online.hypermesh.trustchain.sinks.outbox.EventOutbox;
import online.hypermesh.trustchain.sinks.outbox.JdbcEventOutbox;
import online.hypermesh.trustchain.sinks.outbox.OutboxEvent;

/**
 * A receiver that refuses single events for good (as a directory refuses an entry its schema does
 * not allow) does not hold the sink up: against the real outbox in PostgreSQL, the refused events
 * are parked with the receiver's reason, every other event is taken once and in order, and the
 * cursor ends at the head.
 */
class RefusedEventDeliveryTest {
    private DataSource db;
    private EventOutbox outbox;

    /** Takes events in order like a receiver, and refuses those whose object is in {@code refused}. */
    private static final class Receiver implements EventSink {
        final List<String> taken = new ArrayList<>();
        final Set<String> refused;

        Receiver(Set<String> refused) {
            this.refused = refused;
        }

        @Override
        public String name() {
            return "directory";
        }

        @Override
        public byte[] render(OutboxEvent event) {
            return event.objectId().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public boolean connect() {
            return false;
        }

        @Override
        public void send(List<byte[]> rendered) throws IOException {
            for (int i = 0; i < rendered.size(); i++) {
                String object = new String(rendered.get(i), StandardCharsets.UTF_8);
                if (refused.contains(object)) {
                    throw new RefusedEventException(i, "object class violation for " + object, null);
                }
                taken.add(object);
            }
        }

        @Override
        public void close() {
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.freshDatabase();
        outbox = new JdbcEventOutbox(db);
        chain(8);
    }

    @Test
    void refusedEventsAreParkedWithTheReason_andTheRestArriveOnceInOrder() {
        Receiver receiver = new Receiver(Set.of("serial-3", "serial-4", "serial-8"));
        SinkDelivery delivery = new SinkDelivery(outbox, receiver, receiver::send, "ca-0",
                new SinkDelivery.Options(100, new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30)), Duration.ofSeconds(30)),
                Clock.systemUTC());
        delivery.tick();
        assertEquals(List.of("serial-1", "serial-2", "serial-5", "serial-6", "serial-7"), receiver.taken);
        List<EventOutbox.DeadLetter> dead = outbox.deadLetters("directory", 10);
        assertEquals(List.of(3L, 4L, 8L), dead.stream().map(EventOutbox.DeadLetter::seq).toList());
        assertTrue(dead.get(0).reason().contains("object class violation for serial-3"), dead.get(0).reason());
        assertEquals(8, outbox.cursor("directory"), "the cursor passed the parked events");
        assertEquals(0, outbox.lag("directory"));
        assertEquals(3, delivery.deadLettered());
        assertEquals(0, delivery.failures(), "a refusal for good is no failure: no backoff");

        delivery.tick();
        assertEquals(5, receiver.taken.size(), "nothing is sent twice");
    }

    /** Commits audit events and chains them, as the issuance path and the sealer do. */
    private void chain(int count) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement event = c.prepareStatement("insert into audit_event (occurred_at, actor, action, object_type, object_id, node, details)"
                     + " values (now(), 'admin', 'certificate.issued', 'certificate', ?, 'ca-0', '{}'::jsonb) returning id");
             PreparedStatement chained = c.prepareStatement("insert into audit_chain (seq, event_id, hash) values (?, ?, ?)")) {
            for (long seq = 1; seq <= count; seq++) {
                event.setString(1, "serial-" + seq);
                long id;
                try (ResultSet r = event.executeQuery()) {
                    r.next();
                    id = r.getLong(1);
                }
                chained.setLong(1, seq);
                chained.setLong(2, id);
                chained.setBytes(3, MessageDigest.getInstance("SHA-256").digest(Long.toString(seq).getBytes(StandardCharsets.US_ASCII)));
                chained.executeUpdate();
            }
        }
    }
}
