package online.hypermesh.trustchain.bench.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic DNS over UDP: one connected socket and one thread per worker, each keeping
 * {@code inflight} queries outstanding (matched by ID). A query unanswered after the timeout counts
 * as lost and is replaced, so a lossy server cannot stall the load.
 */
final class UdpLoad implements DnsLoad {

    private static final int POLL_MILLIS = 50;

    private final DnsBenchArgs args;
    private final QueryTemplates queries;
    private final LoadStats stats;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    UdpLoad(DnsBenchArgs args, QueryTemplates queries, LoadStats stats) {
        this.args = args;
        this.queries = queries;
        this.stats = stats;
    }

    @Override
    public void start() throws IOException {
        for (int i = 0; i < args.concurrency(); i++) {
            DatagramSocket socket = new DatagramSocket();
            socket.connect(args.server());
            socket.setSoTimeout(POLL_MILLIS);
            Thread t = new Thread(() -> worker(socket), "udp-load-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    @Override
    public void stop() throws InterruptedException {
        stopped = true;
        for (Thread t : threads) {
            t.join(5000);
        }
    }

    private void worker(DatagramSocket socket) {
        long[] sentAt = new long[65536];
        int nextId = 0;
        long sent = 0;
        long timeoutNanos = args.timeoutMillis() * 1_000_000L;
        byte[] buffer = new byte[65535];
        DatagramPacket in = new DatagramPacket(buffer, buffer.length);
        try (socket) {
            for (int i = 0; i < args.inflight(); i++) {
                nextId = send(socket, sentAt, nextId, sent++);
            }
            while (!stopped) {
                try {
                    in.setLength(buffer.length);
                    socket.receive(in);
                } catch (SocketTimeoutException e) {
                    sent += expire(socket, sentAt, timeoutNanos, sent);
                    nextId = nextFree(sentAt, nextId);
                    continue;
                }
                long now = System.nanoTime();
                if (in.getLength() < 2) {
                    continue;
                }
                int id = ((buffer[0] & 0xFF) << 8) | (buffer[1] & 0xFF);
                if (sentAt[id] == 0) {
                    continue; // late answer to a query already counted as lost
                }
                int rcode = QueryTemplates.rcode(buffer, in.getLength());
                if (rcode == 0) {
                    stats.success(now - sentAt[id]);
                } else {
                    stats.failure("rcode " + rcode);
                }
                sentAt[id] = 0;
                nextId = send(socket, sentAt, nextId, sent++);
            }
        } catch (IOException e) {
            if (!stopped) {
                stats.failure(e.getClass().getSimpleName());
            }
        }
    }

    private int send(DatagramSocket socket, long[] sentAt, int id, long n) throws IOException {
        id = nextFree(sentAt, id);
        byte[] q = queries.query(n, id);
        sentAt[id] = System.nanoTime();
        socket.send(new DatagramPacket(q, q.length));
        return (id + 1) & 0xFFFF;
    }

    private static int nextFree(long[] sentAt, int id) {
        while (sentAt[id] != 0) {
            id = (id + 1) & 0xFFFF;
        }
        return id;
    }

    /** Counts queries older than the timeout as lost and sends one new query for each; returns how many. */
    private int expire(DatagramSocket socket, long[] sentAt, long timeoutNanos, long sent) throws IOException {
        long now = System.nanoTime();
        int lost = 0;
        for (int id = 0; id < sentAt.length; id++) {
            if (sentAt[id] != 0 && now - sentAt[id] > timeoutNanos) {
                sentAt[id] = 0;
                lost++;
                stats.failure("timeout");
            }
        }
        int id = 0;
        for (int i = 0; i < lost && !stopped; i++) {
            id = send(socket, sentAt, id, sent + i);
        }
        return lost;
    }
}
