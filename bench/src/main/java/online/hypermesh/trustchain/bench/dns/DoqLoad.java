package online.hypermesh.trustchain.bench.dns;

import io.netty.handler.codec.quic.QuicChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * DNS-over-QUIC load. Warm: {@code concurrency} connections opened first, each with {@code inflight}
 * streams outstanding; every answer starts the next query on the same connection. New connection:
 * {@code concurrency} loops that each connect, ask one query, close, and measure all of it.
 */
final class DoqLoad implements DnsLoad {

    private final DnsBenchArgs args;
    private final QueryTemplates queries;
    private final LoadStats stats;
    private final boolean newConnectionPerQuery;
    private final AtomicLong sequence = new AtomicLong();
    private final List<QuicChannel> connections = new ArrayList<>();
    private DoqConnections client;
    private volatile boolean stopped;
    private final List<CompletableFuture<Void>> loops = new ArrayList<>();

    DoqLoad(DnsBenchArgs args, QueryTemplates queries, LoadStats stats, boolean newConnectionPerQuery) {
        this.args = args;
        this.queries = queries;
        this.stats = stats;
        this.newConnectionPerQuery = newConnectionPerQuery;
    }

    @Override
    public void start() throws Exception {
        client = new DoqConnections(args.server(), args.rootCa(), args.serverName(), 1);
        if (newConnectionPerQuery) {
            for (int i = 0; i < args.concurrency(); i++) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                loops.add(done);
                connectAndAsk(done);
            }
            return;
        }
        for (int i = 0; i < args.concurrency(); i++) {
            QuicChannel quic = client.connect().get(10, TimeUnit.SECONDS);
            connections.add(quic);
            for (int s = 0; s < args.inflight(); s++) {
                ask(quic);
            }
        }
    }

    /** One query on a warm connection; its answer sends the next. */
    private void ask(QuicChannel quic) {
        if (stopped) {
            return;
        }
        long started = System.nanoTime();
        DoqConnections.exchange(quic, queries.query(sequence.getAndIncrement(), 0))
                .orTimeout(args.timeoutMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((response, error) -> {
                    record(started, response, error);
                    if (quic.isActive()) {
                        ask(quic);
                    } else if (!stopped) {
                        stats.failure("connection closed");
                    }
                });
    }

    private void connectAndAsk(CompletableFuture<Void> done) {
        if (stopped) {
            done.complete(null);
            return;
        }
        long started = System.nanoTime();
        client.connect()
                .thenCompose(quic -> DoqConnections.exchange(quic, queries.query(sequence.getAndIncrement(), 0))
                        .whenComplete((r, e) -> quic.close()))
                .orTimeout(args.timeoutMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((response, error) -> {
                    record(started, response, error);
                    connectAndAsk(done);
                });
    }

    private void record(long started, byte[] response, Throwable error) {
        if (error != null) {
            if (!stopped) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                stats.failure(cause.getClass().getSimpleName());
            }
            return;
        }
        int rcode = QueryTemplates.rcode(response, response.length);
        if (rcode == 0) {
            stats.success(System.nanoTime() - started);
        } else {
            stats.failure("rcode " + rcode);
        }
    }

    @Override
    public void stop() throws Exception {
        stopped = true;
        for (CompletableFuture<Void> loop : loops) {
            loop.get(args.timeoutMillis() + 5000L, TimeUnit.MILLISECONDS);
        }
        Thread.sleep(Math.min(args.timeoutMillis(), 500));
        connections.forEach(QuicChannel::close);
        client.close();
    }
}
