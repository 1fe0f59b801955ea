package online.hypermesh.trustchain.bridge.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** dns-01 (RFC 8555 8.4) against a DNS server on loopback that holds TXT records at _acme-challenge names. */
class Dns01ValidatorTest {
    private static final String KEY_AUTHORIZATION = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA.nP1qzpXGymHBrUEepNY9HCsQk7K8KhOypzEt62jcerQ";

    @Test
    void expectedValue_isTheBase64urlSha256OfTheKeyAuthorization() {
        // RFC 8555 8.4: the record holds base64url(SHA-256(key authorization)), 43 characters, no padding.
        String value = Dns01Validator.expectedValue(KEY_AUTHORIZATION);
        assertEquals(43, value.length());
        assertTrue(value.matches("[A-Za-z0-9_-]+"));
    }

    @Test
    void theRightRecordAmongOthersValidates_aWrongOneOrNoneDoesNot() throws Exception {
        String expected = Dns01Validator.expectedValue(KEY_AUTHORIZATION);
        Map<String, List<String>> zone = Map.of(
                "_acme-challenge.web.hypermesh.online.", List.of("an-older-token-value", expected),
                "_acme-challenge.wrong.hypermesh.online.", List.of("not-the-digest"));
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> answer(socket, zone));
            server.setDaemon(true);
            server.start();
            Dns01Validator validator = new Dns01Validator(new NameResolver(
                    List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort())), Duration.ofSeconds(2)));
            assertTrue(validator.validate("web.hypermesh.online", KEY_AUTHORIZATION).startsWith("dns [127.0.0.1]:"));
            assertEquals(AcmeProblem.Type.INCORRECT_RESPONSE,
                    assertThrows(AcmeProblem.class, () -> validator.validate("wrong.hypermesh.online", KEY_AUTHORIZATION)).type());
            assertEquals(AcmeProblem.Type.UNAUTHORIZED,
                    assertThrows(AcmeProblem.class, () -> validator.validate("none.hypermesh.online", KEY_AUTHORIZATION)).type());
        }
    }

    private static void answer(DatagramSocket socket, Map<String, List<String>> zone) {
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
                List<String> values = zone.get(question.getName().toString());
                if (values == null) {
                    response.getHeader().setRcode(Rcode.NXDOMAIN);
                } else if (question.getType() == Type.TXT) {
                    for (String v : values) {
                        response.addRecord(new TXTRecord(question.getName(), DClass.IN, 60, v), Section.ANSWER);
                    }
                }
                byte[] wire = response.toWire();
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            }
        } catch (java.io.IOException e) {
            // closed at the end of the test
        }
    }
}
