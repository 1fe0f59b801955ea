package online.hypermesh.trustchain.bridge.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The validation resolver asks the configured DNS server over UDP, as it would ask TrustChain's
 * own mesh zone in tests. The server here answers AAAA ::1 for one name and NXDOMAIN otherwise.
 */
class NameResolverTest {
    @Test
    void aaaa_fromTheConfiguredServer_andNoAddressIsADnsProblem() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> answer(socket));
            server.setDaemon(true);
            server.start();
            NameResolver resolver = new NameResolver(List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort())),
                    Duration.ofSeconds(2));
            assertEquals(List.of(InetAddress.getByName("::1")), resolver.addresses("web.acme.hypermesh.online"));
            assertEquals(AcmeProblem.Type.DNS, assertThrows(AcmeProblem.class, () -> resolver.addresses("nothing.hypermesh.online")).type());
        }
    }

    private static void answer(DatagramSocket socket) {
        byte[] buffer = new byte[512];
        try {
            while (!socket.isClosed()) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Record question = query.getQuestion();
                Message response = new Message(query.getHeader().getID());
                response.getHeader().setFlag(Flags.QR);
                response.getHeader().setFlag(Flags.AA);
                response.addRecord(question, Section.QUESTION);
                if (question.getName().equals(Name.fromString("web.acme.hypermesh.online."))) {
                    if (question.getType() == Type.AAAA) {
                        response.addRecord(new AAAARecord(question.getName(), DClass.IN, 60, InetAddress.getByName("::1")), Section.ANSWER);
                    }
                } else {
                    response.getHeader().setRcode(Rcode.NXDOMAIN);
                }
                byte[] wire = response.toWire();
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            }
        } catch (java.io.IOException e) {
            // closed at the end of the test
        }
    }
}
