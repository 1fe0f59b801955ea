package online.hypermesh.trustchain.sinks.s3;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;

import software.amazon.awssdk.services.s3.S3Client;

import online.hypermesh.trustchain.sinks.delivery.Backoff;
import online.hypermesh.trustchain.sinks.outbox.EventOutbox;

/**
 * The Camel routes of the S3 archive: {@code s3-outbox}, a timer that runs an
 * {@link S3ArchiveDelivery} step every poll period, and {@code s3-put} ({@code direct:s3-put}),
 * which writes one segment through Camel's aws2-s3 producer with the archive's own client
 * ({@link S3Archive#client}, which adds the checksum and the object lock). The producer's
 * endpoint is resolved at the first write ({@code toD}): Camel checks the bucket when it starts
 * an aws2-s3 endpoint, and a store that is down when TrustChain starts must only delay the
 * archive, never the deployment.
 */
public final class S3ArchiveRoutes extends RouteBuilder {
    static final String CLIENT_BEAN = "trustchainS3Archive";

    private final S3Archive.Target target;
    private final S3Client client;
    private final AuditSegments segments;
    private final EventOutbox outbox;
    private final String node;
    private final int maxEvents;
    private final Backoff backoff;
    private final Duration lease;
    private final Duration poll;
    private final CtTileSource ctLog;
    private volatile S3ArchiveDelivery delivery;
    private volatile CtArchiveDelivery ctDelivery;

    /** @param ctLog the CT log whose tiles and checkpoints go to {@code <prefix>ct/}; null: the audit trail only */
    public S3ArchiveRoutes(S3Archive.Target target, S3Client client, AuditSegments segments, CtTileSource ctLog, EventOutbox outbox, String node,
                           int maxEvents, Backoff backoff, Duration lease, Duration poll) {
        this.ctLog = ctLog;
        this.target = target;
        this.client = client;
        this.segments = segments;
        this.outbox = outbox;
        this.node = node;
        this.maxEvents = maxEvents;
        this.backoff = backoff;
        this.lease = lease;
        this.poll = poll;
    }

    @Override
    public void configure() {
        getContext().getRegistry().bind(CLIENT_BEAN, client);
        ProducerTemplate producer = getContext().createProducerTemplate();
        delivery = new S3ArchiveDelivery(outbox, segments, (key, segment) -> put(producer, key, segment.bytes(), Map.of(
                "first", Long.toString(segment.first()), "last", Long.toString(segment.last()))), target.prefix(), maxEvents, node,
                backoff, lease, Clock.systemUTC());

        from("direct:s3-put").routeId("s3-put")
                .toD("aws2-s3://" + target.bucket() + "?amazonS3Client=#" + CLIENT_BEAN + "&autoCreateBucket=false");

        from("timer:s3-outbox?delay=0&period=" + poll.toMillis()).routeId("s3-outbox")
                .process(exchange -> delivery.tick());

        if (ctLog != null) {
            ctDelivery = new CtArchiveDelivery(outbox, ctLog, (key, bytes) -> put(producer, key, bytes, Map.of()), target.prefix(), node,
                    backoff, lease, Clock.systemUTC());
            from("timer:s3-ct-outbox?delay=0&period=" + poll.toMillis()).routeId("s3-ct-outbox")
                    .process(exchange -> ctDelivery.tick());
        }
    }

    private static void put(ProducerTemplate producer, String key, byte[] bytes, Map<String, String> metadata) throws IOException {
        Map<String, String> all = new java.util.HashMap<>(metadata);
        all.put(S3Archive.CHECKSUM_METADATA, AuditSegment.sha256(bytes));
        try {
            producer.requestBodyAndHeaders("direct:s3-put", bytes, Map.of(
                    AWS2S3Constants.KEY, key,
                    AWS2S3Constants.CONTENT_LENGTH, (long) bytes.length,
                    AWS2S3Constants.CONTENT_TYPE, key.contains("/tile/") ? "application/octet-stream" : "text/plain; charset=utf-8",
                    AWS2S3Constants.METADATA, all));
        } catch (CamelExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException("cannot write " + key + ": " + cause.getMessage(), cause);
        }
    }

    /** The delivery, once the routes are configured (for its lag). */
    public S3ArchiveDelivery delivery() {
        return delivery;
    }

    /** The CT log's delivery; null without a CT log. */
    public CtArchiveDelivery ctDelivery() {
        return ctDelivery;
    }
}
