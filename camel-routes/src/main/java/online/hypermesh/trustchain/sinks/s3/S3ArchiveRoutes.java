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
    private volatile S3ArchiveDelivery delivery;

    public S3ArchiveRoutes(S3Archive.Target target, S3Client client, AuditSegments segments, EventOutbox outbox, String node, int maxEvents,
                           Backoff backoff, Duration lease, Duration poll) {
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
        delivery = new S3ArchiveDelivery(outbox, segments, (key, segment) -> put(producer, key, segment), target.prefix(), maxEvents, node,
                backoff, lease, Clock.systemUTC());

        from("direct:s3-put").routeId("s3-put")
                .toD("aws2-s3://" + target.bucket() + "?amazonS3Client=#" + CLIENT_BEAN + "&autoCreateBucket=false");

        from("timer:s3-outbox?delay=0&period=" + poll.toMillis()).routeId("s3-outbox")
                .process(exchange -> delivery.tick());
    }

    private static void put(ProducerTemplate producer, String key, AuditSegment segment) throws IOException {
        try {
            producer.requestBodyAndHeaders("direct:s3-put", segment.bytes(), Map.of(
                    AWS2S3Constants.KEY, key,
                    AWS2S3Constants.CONTENT_LENGTH, (long) segment.bytes().length,
                    AWS2S3Constants.CONTENT_TYPE, "text/plain; charset=utf-8",
                    AWS2S3Constants.METADATA, Map.of(S3Archive.CHECKSUM_METADATA, segment.sha256(),
                            "first", Long.toString(segment.first()), "last", Long.toString(segment.last()))));
        } catch (CamelExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException("cannot write " + key + ": " + cause.getMessage(), cause);
        }
    }

    /** The delivery, once the routes are configured (for its lag). */
    public S3ArchiveDelivery delivery() {
        return delivery;
    }
}
