package online.hypermesh.trustchain.sinks.delivery;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;

import online.hypermesh.trustchain.sinks.outbox.EventOutbox;

/**
 * The Camel routes of one sink: {@code <sink>-outbox}, a timer that runs a {@link SinkDelivery}
 * step every poll period (one thread, never overlapping), and {@code <sink>-send}
 * ({@code direct:<sink>-send}), the producer that hands a rendered batch to the sink. The timer
 * route never fails: the delivery keeps its own retry state and backoff.
 */
public final class SinkRoutes extends RouteBuilder {
    private final EventSink sink;
    private final EventOutbox outbox;
    private final String node;
    private final SinkDelivery.Options options;
    private final Duration poll;
    private volatile SinkDelivery delivery;

    public SinkRoutes(EventSink sink, EventOutbox outbox, String node, SinkDelivery.Options options, Duration poll) {
        this.sink = sink;
        this.outbox = outbox;
        this.node = node;
        this.options = options;
        this.poll = poll;
    }

    @Override
    public void configure() {
        String name = sink.name();
        CamelContext camel = getContext();
        ProducerTemplate producer = camel.createProducerTemplate();
        delivery = new SinkDelivery(outbox, sink, batch -> send(producer, "direct:" + name + "-send", batch), node, options,
                Clock.systemUTC());

        from("direct:" + name + "-send").routeId(name + "-send")
                .process(exchange -> {
                    @SuppressWarnings("unchecked")
                    List<byte[]> batch = exchange.getIn().getBody(List.class);
                    sink.send(batch);
                });

        from("timer:" + name + "-outbox?delay=0&period=" + poll.toMillis()).routeId(name + "-outbox")
                .process(exchange -> delivery.tick());
    }

    private static void send(ProducerTemplate producer, String uri, List<byte[]> batch) throws IOException {
        try {
            producer.requestBody(uri, batch);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    /** The sink's name: its cursor's key and its metrics label. */
    public String sinkName() {
        return sink.name();
    }

    /** The delivery, once the routes are configured (for its lag and counters). */
    public SinkDelivery delivery() {
        return delivery;
    }
}
