package online.hypermesh.trustchain.doq.quic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
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

/** Address validation with QUIC Retry as an operator option, seen through a relay by the Netty client. */
class DoqRetryTest {

    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private DoqServer server;
    private UdpRelay relay;

    @AfterEach
    void stop() throws InterruptedException {
        if (relay != null) {
            relay.close();
        }
        if (server != null) {
            server.close();
        }
        workers.shutdownNow();
        assertTrue(workers.awaitTermination(5, TimeUnit.SECONDS));
    }

    /** Starts a server, asks one query through the relay, returns whether a Retry packet was on the wire. */
    private boolean queryThroughRelay(boolean retryRequired) throws Exception {
        TestCertificates.Issued cert = TestCertificates.selfSigned(BigInteger.valueOf(99));
        server = new DoqServer(new DoqConfig(new InetSocketAddress(InetAddress.getByName("::1"), 0), Duration.ofSeconds(10), 8)
                .withRetryRequired(retryRequired),
                new DnsWireHandler(new ZoneAnswerer(TestZones.meshZone()), ResponseEncoder.rfc8467Padded()), workers);
        server.start(cert.keyPair().getPrivate(), List.of(cert.certificate()));
        relay = new UdpRelay(server.localAddress());
        try (NettyDoqClient client = new NettyDoqClient(relay.address(), cert.certificate())) {
            Message query = Message.newQuery(Record.newRecord(TestZones.TRUST, Type.AAAA, DClass.IN));
            query.getHeader().setID(0);
            Message response = new Message(client.exchange(query.toWire()).get(10, TimeUnit.SECONDS));
            assertEquals(Rcode.NOERROR, response.getRcode());
            assertEquals(1, response.getSection(org.xbill.DNS.Section.ANSWER).size());
        }
        return relay.serverSentRetry();
    }

    @Test
    void retryOn_theServerSendsARetry_andTheQueryStillSucceeds() throws Exception {
        assertTrue(queryThroughRelay(true), "a Retry packet went to the client");
    }

    @Test
    void retryOff_noRetryPacket() throws Exception {
        assertFalse(queryThroughRelay(false));
    }
}
