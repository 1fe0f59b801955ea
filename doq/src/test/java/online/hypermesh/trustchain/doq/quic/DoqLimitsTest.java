package online.hypermesh.trustchain.doq.quic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.quic.QuicStreamType;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import online.hypermesh.trustchain.doq.zone.DnsWireHandler;
import online.hypermesh.trustchain.doq.zone.ResponseEncoder;
import online.hypermesh.trustchain.doq.zone.TestZones;
import online.hypermesh.trustchain.doq.zone.ZoneAnswerer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** The per-connection limits of the DoQ listener as a second QUIC stack (Netty/quiche) sees them. */
class DoqLimitsTest {

    private static final int IDLE_SECONDS = 2;
    private static final int MAX_STREAMS = 4;

    private final ExecutorService workers = Executors.newFixedThreadPool(8);
    private DoqServer server;
    private NettyDoqClient client;

    private void start() throws Exception {
        TestCertificates.Issued cert = TestCertificates.selfSigned(BigInteger.valueOf(77));
        server = new DoqServer(new DoqConfig(new InetSocketAddress(InetAddress.getByName("::1"), 0),
                Duration.ofSeconds(IDLE_SECONDS), MAX_STREAMS),
                new DnsWireHandler(new ZoneAnswerer(TestZones.meshZone()), ResponseEncoder.rfc8467Padded()), workers);
        server.start(cert.keyPair().getPrivate(), List.of(cert.certificate()));
        client = new NettyDoqClient(server.localAddress(), cert.certificate());
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        workers.shutdownNow();
        assertTrue(workers.awaitTermination(5, TimeUnit.SECONDS));
    }

    private static byte[] framedQuery() {
        Message query = Message.newQuery(Record.newRecord(TestZones.TRUST, Type.AAAA, DClass.IN));
        query.getHeader().setID(0);
        byte[] wire = query.toWire();
        byte[] framed = new byte[wire.length + 2];
        framed[0] = (byte) (wire.length >>> 8);
        framed[1] = (byte) wire.length;
        System.arraycopy(wire, 0, framed, 2, wire.length);
        return framed;
    }

    @Test
    void silentConnection_isClosedAfterTheServersIdleTimeout() throws Exception {
        start();
        // The client offers 10 s; the server's 2 s must be what the connection gets (RFC 9000 10.1: the minimum).
        assertEquals(IDLE_SECONDS * 1000L, client.quic().peerTransportParameters().maxIdleTimeout());
        byte[] answer = client.send(framedQuery()).get(5, TimeUnit.SECONDS);
        assertEquals(Rcode.NOERROR, new Message(answer).getRcode());

        long quietSince = System.nanoTime();
        // A generous bound: on a loaded machine the client's event loop may run late; what matters is that it closes.
        assertTrue(client.quic().closeFuture().await(30, TimeUnit.SECONDS), "closed while idle");
        long quietMillis = (System.nanoTime() - quietSince) / 1_000_000;
        assertTrue(quietMillis >= IDLE_SECONDS * 1000L - 200, "not before the idle timeout, was " + quietMillis + " ms");
        assertFalse(client.quic().isActive());
    }

    @Test
    void streamsPerConnection_areCappedByMaxStreams_andCreditReturnsWhenOneEnds() throws Exception {
        start();
        // Kwik may grant the streams in a MAX_STREAMS frame just after the handshake rather than in the transport parameters.
        awaitCredit();
        assertEquals(MAX_STREAMS, client.quic().peerAllowedStreams(QuicStreamType.BIDIRECTIONAL),
                "the server grants exactly the configured limit");
        byte[] query = framedQuery();
        byte[] head = Arrays.copyOf(query, 2);
        byte[] rest = Arrays.copyOfRange(query, 2, query.length);

        // Fill the limit with streams the server cannot answer yet (only the length prefix has arrived).
        List<NettyDoqClient.OpenStream> open = new ArrayList<>();
        for (int i = 0; i < MAX_STREAMS; i++) {
            open.add(client.open(head));
        }
        assertEquals(0, client.quic().peerAllowedStreams(QuicStreamType.BIDIRECTIONAL), "no credit left while four are open");

        // Finishing one query frees one stream; the server then grants exactly one more (MAX_STREAMS frame).
        open.get(0).finish(rest);
        assertEquals(Rcode.NOERROR, new Message(open.get(0).response().get(5, TimeUnit.SECONDS)).getRcode());
        NettyDoqClient.OpenStream next = awaitStreamCredit(head);
        assertEquals(0, client.quic().peerAllowedStreams(QuicStreamType.BIDIRECTIONAL));
        // Last, since Netty spends a stream ID on the refused attempt.
        assertThrows(Exception.class, () -> client.open(head), "a fifth concurrent stream is not allowed");

        next.finish(rest);
        assertEquals(Rcode.NOERROR, new Message(next.response().get(5, TimeUnit.SECONDS)).getRcode());
        for (NettyDoqClient.OpenStream waiting : open.subList(1, open.size())) {
            waiting.finish(rest);
            assertEquals(Rcode.NOERROR, new Message(waiting.response().get(5, TimeUnit.SECONDS)).getRcode());
        }
    }

    /** The MAX_STREAMS frame arrives a moment after the answer; open as soon as the credit is there. */
    private NettyDoqClient.OpenStream awaitStreamCredit(byte[] head) throws Exception {
        awaitCredit();
        return client.open(head);
    }

    private void awaitCredit() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (client.quic().peerAllowedStreams(QuicStreamType.BIDIRECTIONAL) == 0) {
            assertTrue(System.nanoTime() < deadline, "the server never granted stream credit");
            Thread.sleep(20);
        }
    }
}
