package online.hypermesh.trustchain.doq.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import online.hypermesh.trustchain.doq.zone.DnsWireHandler;
import online.hypermesh.trustchain.doq.zone.ResponseEncoder;
import online.hypermesh.trustchain.doq.zone.TestZones;
import online.hypermesh.trustchain.doq.zone.ZoneAnswerer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

class ClassicDnsServerTest {

    private ExecutorService workers;
    private ClassicDnsServer server;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws IOException {
        workers = Executors.newFixedThreadPool(4);
        DnsWireHandler handler = new DnsWireHandler(new ZoneAnswerer(TestZones.meshZone()), ResponseEncoder.unpadded());
        server = new ClassicDnsServer(new ClassicDnsConfig(
                new InetSocketAddress(InetAddress.getByName("::1"), 0), Duration.ofSeconds(2), 4),
                handler, Executors.defaultThreadFactory(), workers);
        server.start();
        address = server.localAddress();
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
        workers.shutdownNow();
        assertTrue(workers.awaitTermination(5, TimeUnit.SECONDS));
    }

    private SimpleResolver resolver(boolean tcp) {
        SimpleResolver r = new SimpleResolver(address);
        r.setTCP(tcp);
        r.setTimeout(Duration.ofSeconds(3));
        return r;
    }

    private static Message aaaaQuery(String name) {
        return Message.newQuery(Record.newRecord(Name.fromConstantString(name), Type.AAAA, DClass.IN));
    }

    @Test
    void answersOverUdp() throws IOException {
        Message r = resolver(false).send(aaaaQuery("trust.hypermesh.online."));
        assertEquals(Rcode.NOERROR, r.getRcode());
        assertEquals(TestZones.v6("2001:db8::1"), ((AAAARecord) r.getSection(Section.ANSWER).get(0)).getAddress());
    }

    @Test
    void answersOverTcp() throws IOException {
        Message r = resolver(true).send(aaaaQuery("nope.hypermesh.online."));
        assertEquals(Rcode.NXDOMAIN, r.getRcode());
        assertEquals(Type.SOA, r.getSection(Section.AUTHORITY).get(0).getType());
    }

    @Test
    void severalQueriesOnOneTcpConnection() throws IOException {
        try (Socket s = new Socket(address.getAddress(), address.getPort())) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            for (String name : List.of("trust.hypermesh.online.", "hypermesh.online.", "x.hypermesh.online.")) {
                Message q = aaaaQuery(name);
                byte[] wire = q.toWire();
                out.writeShort(wire.length);
                out.write(wire);
                out.flush();
                byte[] response = new byte[in.readUnsignedShort()];
                in.readFully(response);
                assertEquals(q.getHeader().getID(), new Message(response).getHeader().getID());
            }
        }
    }

    @Test
    void idleTcpConnectionIsClosed() throws IOException {
        try (Socket s = new Socket(address.getAddress(), address.getPort())) {
            s.setSoTimeout(10_000);
            long start = System.nanoTime();
            assertEquals(-1, s.getInputStream().read(), "server closes after the idle timeout");
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(1500));
        }
    }

    @Test
    void digFindsTheAaaaRecord() throws Exception {
        // dig is a required test tool (bind9-dnsutils); a missing binary fails here on purpose.
        Process dig = new ProcessBuilder("dig", "@::1", "-p", Integer.toString(address.getPort()),
                "+short", "+tries=1", "+time=3", "AAAA", "trust.hypermesh.online")
                .redirectErrorStream(true).start();
        assertTrue(dig.waitFor(20, TimeUnit.SECONDS), "dig finished");
        String output = new String(dig.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertEquals(0, dig.exitValue(), output);
        assertEquals("2001:db8::1", output);
    }

    /**
     * A raw socket, because dig cannot send a response: a FORMERR as another server would send it
     * gets no reply (answering it would let two servers bounce packets for ever), while a query
     * sent right after it on the same socket is answered, so the silence is the server's choice.
     */
    @Test
    void udpResponseIsDroppedSilently_andTheNextQueryIsAnswered() throws Exception {
        Message query = aaaaQuery("trust.hypermesh.online.");
        byte[] response = responseTo(Message.newQuery(Record.newRecord(TestZones.TRUST, Type.AAAA, DClass.IN)));
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address.getAddress(), 0))) {
            socket.connect(address);
            socket.send(new DatagramPacket(response, response.length));
            socket.send(new DatagramPacket(query.toWire(), query.toWire().length));
            List<Message> received = new ArrayList<>();
            for (byte[] reply : UdpReplies.untilQuiet(socket)) {
                received.add(new Message(reply));
            }
            assertEquals(1, received.size(), "only the query is answered: " + received);
            assertEquals(query.getHeader().getID(), received.get(0).getHeader().getID());
            assertEquals(Rcode.NOERROR, received.get(0).getRcode());
        }
    }

    @Test
    void tcpResponseEndsTheConnectionWithoutAReply() throws Exception {
        byte[] response = responseTo(aaaaQuery("trust.hypermesh.online."));
        try (Socket s = new Socket(address.getAddress(), address.getPort())) {
            s.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeShort(response.length);
            out.write(response);
            out.flush();
            assertEquals(-1, s.getInputStream().read(), "closed, not answered");
        }
    }

    private static byte[] responseTo(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setRcode(Rcode.FORMERR);
        return response.toWire();
    }
}
