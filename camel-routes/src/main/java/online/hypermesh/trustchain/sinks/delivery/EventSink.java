package online.hypermesh.trustchain.sinks.delivery;

import java.io.IOException;
import java.util.List;

import online.hypermesh.trustchain.sinks.outbox.OutboxEvent;

/** Where a delivery hands the outbox's events: renders each one and sends batches of them. */
public interface EventSink extends AutoCloseable {

    /** The sink's name: its cursor's key in the outbox and its metrics label. */
    String name();

    /**
     * The event as the sink sends it.
     *
     * @throws PoisonEventException if this event can never be sent (it is parked as a dead letter)
     */
    byte[] render(OutboxEvent event) throws PoisonEventException;

    /**
     * Makes sure the sink can take events (connects if needed).
     *
     * @return true when this is a new connection replacing one that broke, so the events sent
     *     just before on the old one may be lost and are sent again
     */
    boolean connect() throws IOException;

    /** Sends rendered events in order; returns only once the sink took them all. */
    void send(List<byte[]> rendered) throws IOException;

    /** Drops the connection (it reconnects on the next {@link #connect}). */
    @Override
    void close();
}
