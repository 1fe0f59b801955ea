package online.hypermesh.trustchain.doq.quic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicStreamType;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import online.hypermesh.trustchain.doq.zone.DnsWireHandler;
import online.hypermesh.trustchain.doq.zone.MeshZone;
import online.hypermesh.trustchain.doq.zone.ResponseEncoder;
import online.hypermesh.trustchain.doq.zone.TestZones;
import online.hypermesh.trustchain.doq.zone.ZoneAnswerer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;

/** Kwik server, Netty/quiche client, over [::1]. */
class DoqInteropTest {

    private static final BigInteger SERIAL = BigInteger.valueOf(4242);

    private ExecutorService workers;
    private DoqServer server;
    private TestCertificates.Issued cert;
    private NettyDoqClient client;

    @BeforeEach
    void start() throws Exception {
        cert = TestCertificates.selfSigned(SERIAL);
        MeshZone zone = TestZones.meshZone();
        zone.addTlsa(SERIAL, TestZones.TRUST, 443, cert.certificate().getPublicKey().getEncoded());
        workers = Executors.newFixedThreadPool(4);
        server = new DoqServer(new DoqConfig(new InetSocketAddress(InetAddress.getByName("::1"), 0),
                Duration.ofSeconds(10), 16),
                new DnsWireHandler(new ZoneAnswerer(zone), ResponseEncoder.rfc8467Padded()), workers);
        server.start(cert.keyPair().getPrivate(), List.of(cert.certificate()));
        client = new NettyDoqClient(server.localAddress(), cert.certificate());
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        server.close();
        workers.shutdownNow();
        assertTrue(workers.awaitTermination(5, TimeUnit.SECONDS));
    }

    private Message ask(String name, int type) throws Exception {
        Message query = Message.newQuery(Record.newRecord(Name.fromConstantString(name), type, DClass.IN));
        query.getHeader().setID(0); // RFC 9250 4.2.1
        query.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        byte[] wire = client.exchange(query.toWire()).get(10, TimeUnit.SECONDS);
        assertEquals(0, wire.length % ResponseEncoder.RFC8467_RESPONSE_BLOCK, "padded response");
        Message response = new Message(wire);
        assertEquals(0, response.getHeader().getID());
        return response;
    }

    @Test
    void aaaaAnswer() throws Exception {
        Message r = ask("trust.hypermesh.online.", Type.AAAA);
        assertEquals(Rcode.NOERROR, r.getRcode());
        assertEquals(TestZones.v6("2001:db8::1"), ((AAAARecord) r.getSection(Section.ANSWER).get(0)).getAddress());
    }

    @Test
    void tlsaAnswerPinsTheServedCertificatesSpki() throws Exception {
        Message r = ask("_443._tcp.trust.hypermesh.online.", Type.TLSA);
        TLSARecord tlsa = (TLSARecord) r.getSection(Section.ANSWER).get(0);
        assertEquals(3, tlsa.getCertificateUsage());
        assertEquals(1, tlsa.getSelector());
        assertEquals(1, tlsa.getMatchingType());
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(cert.certificate().getPublicKey().getEncoded());
        assertArrayEquals(expected, tlsa.getCertificateAssociationData());
    }

    @Test
    void caaAtApexAndNxdomainOnOneConnection() throws Exception {
        Message caa = ask("hypermesh.online.", Type.CAA);
        assertEquals("0 issue \"ca.hypermesh.online\"", caa.getSection(Section.ANSWER).get(0).rdataToString());

        Message nx = ask("missing.hypermesh.online.", Type.AAAA);
        assertEquals(Rcode.NXDOMAIN, nx.getRcode());
        assertEquals(Type.SOA, nx.getSection(Section.AUTHORITY).get(0).getType());
    }

    @Test
    void nonZeroMessageIdClosesWithDoqProtocolError() throws Exception {
        Message query = Message.newQuery(Record.newRecord(TestZones.TRUST, Type.AAAA, DClass.IN));
        query.getHeader().setID(0x1234);
        client.exchange(query.toWire());
        QuicConnectionCloseEvent close = client.closedByPeer().get(10, TimeUnit.SECONDS);
        assertTrue(close.isApplicationClose(), close.toString());
        assertEquals(DoqErrorCodes.DOQ_PROTOCOL_ERROR, close.error());
    }

    /** RFC 9250 4.3.3: an unexpected message (a response where a query belongs) is a protocol error, never answered. */
    @Test
    void responseOnAStreamClosesWithDoqProtocolError() throws Exception {
        Message response = new Message(0);
        response.getHeader().setFlag(org.xbill.DNS.Flags.QR);
        response.getHeader().setRcode(Rcode.FORMERR);
        var reply = client.exchange(response.toWire());
        QuicConnectionCloseEvent close = client.closedByPeer().get(10, TimeUnit.SECONDS);
        assertTrue(close.isApplicationClose(), close.toString());
        assertEquals(DoqErrorCodes.DOQ_PROTOCOL_ERROR, close.error());
        assertEquals(0, reply.get(10, TimeUnit.SECONDS).length, "no DNS message comes back");
    }

    /** RFC 9250 4.3.3: a malformed message is a protocol error too, not a FORMERR on the stream. */
    @Test
    void undecodableMessageClosesWithDoqProtocolError() throws Exception {
        client.exchange(new byte[] {0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 3, 'f'});
        assertEquals(DoqErrorCodes.DOQ_PROTOCOL_ERROR, client.closedByPeer().get(10, TimeUnit.SECONDS).error());
    }

    @Test
    void twoMessagesOnOneStreamCloseWithDoqProtocolError() throws Exception {
        Message query = Message.newQuery(Record.newRecord(TestZones.TRUST, Type.AAAA, DClass.IN));
        query.getHeader().setID(0);
        byte[] wire = query.toWire();
        byte[] twice = new byte[2 * (wire.length + 2)];
        for (int i = 0; i < 2; i++) {
            int at = i * (wire.length + 2);
            twice[at] = (byte) (wire.length >>> 8);
            twice[at + 1] = (byte) wire.length;
            System.arraycopy(wire, 0, twice, at + 2, wire.length);
        }
        client.send(twice);
        assertEquals(DoqErrorCodes.DOQ_PROTOCOL_ERROR, client.closedByPeer().get(10, TimeUnit.SECONDS).error());
    }

    @Test
    void unidirectionalStreamClosesWithDoqProtocolError() throws Exception {
        Message query = Message.newQuery(Record.newRecord(TestZones.TRUST, Type.AAAA, DClass.IN));
        query.getHeader().setID(0);
        byte[] wire = query.toWire();
        byte[] framed = new byte[wire.length + 2];
        framed[0] = (byte) (wire.length >>> 8);
        framed[1] = (byte) wire.length;
        System.arraycopy(wire, 0, framed, 2, wire.length);
        client.send(QuicStreamType.UNIDIRECTIONAL, framed);
        assertEquals(DoqErrorCodes.DOQ_PROTOCOL_ERROR, client.closedByPeer().get(10, TimeUnit.SECONDS).error());
    }

    @Test
    void replacedCertificateIsServedOnTheSameAddress() throws Exception {
        InetSocketAddress before = server.localAddress();
        TestCertificates.Issued renewed = TestCertificates.selfSigned(SERIAL.add(BigInteger.ONE));
        client.close();
        client = null;
        server.replaceCertificate(renewed.keyPair().getPrivate(), List.of(renewed.certificate()));
        assertEquals(before, server.localAddress());
        client = new NettyDoqClient(server.localAddress(), renewed.certificate());
        assertEquals(Rcode.NOERROR, ask("trust.hypermesh.online.", Type.AAAA).getRcode());
    }

    @Test
    void replacingWithABadChain_failsBeforeTheListenerStops_andQueriesContinue() throws Exception {
        TestCertificates.Issued other = TestCertificates.selfSigned(SERIAL.add(BigInteger.TWO));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> server.replaceCertificate(other.keyPair().getPrivate(), List.of()));
        assertEquals(Rcode.NOERROR, ask("trust.hypermesh.online.", Type.AAAA).getRcode(), "same connection, still served");
    }
}
