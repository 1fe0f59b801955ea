package online.hypermesh.trustchain.sinks.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The framing over a real TLS connection, to a JDK SSLServerSocket receiver. */
class SyslogTlsTransportTest {
    @TempDir
    Path dir;

    static SyslogTlsTransport.Target target(String host, int port, Path ca) {
        return new SyslogTlsTransport.Target(host, port, ca, Optional.empty(), new char[0], Duration.ofSeconds(5), Duration.ofMillis(50));
    }

    static List<byte[]> frames(String... messages) {
        List<byte[]> out = new ArrayList<>();
        for (String m : messages) {
            out.add(OctetCounting.frame(m.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    static void awaitCount(TlsSyslogReceiver r, int n) throws InterruptedException {
        for (int i = 0; i < 200 && r.messages().size() < n; i++) {
            Thread.sleep(25);
        }
    }

    @Test
    void framesArriveOverTlsInOrderVerifiedAgainstTheCaFile() throws Exception {
        TestPki pki = TestPki.create("receiver");
        try (TlsSyslogReceiver r = new TlsSyslogReceiver(pki.serverContext()).start();
             SyslogTlsTransport t = new SyslogTlsTransport(target("localhost", r.port(), pki.writeCa(dir.resolve("ca.pem"))))) {
            assertFalse(t.connect(), "a first connection replaces nothing");
            assertFalse(t.connect(), "a healthy connection is kept");
            t.send(frames("<13>1 - - - - - one", "<13>1 - - - - - zwei ü", "<13>1 - - - - - [three] with 5 spaces"));
            awaitCount(r, 3);
            assertEquals(List.of("<13>1 - - - - - one", "<13>1 - - - - - zwei ü", "<13>1 - - - - - [three] with 5 spaces"), r.messages());
            assertTrue(List.of("TLSv1.3", "TLSv1.2").contains(r.protocols().get(0)), r.protocols().toString());
        }
    }

    @Test
    void aReceiverWithACertificateFromAnotherCaIsRefused() throws Exception {
        TestPki trusted = TestPki.create("trusted");
        TestPki other = TestPki.create("other");
        try (TlsSyslogReceiver r = new TlsSyslogReceiver(other.serverContext()).start();
             SyslogTlsTransport t = new SyslogTlsTransport(target("localhost", r.port(), trusted.writeCa(dir.resolve("ca.pem"))))) {
            assertThrows(SSLHandshakeException.class, t::connect);
            assertFalse(t.isConnected());
        }
    }

    @Test
    void aReceiverWhoseNameIsNotInItsCertificateIsRefused() throws Exception {
        TestPki pki = TestPki.create("receiver");
        try (TlsSyslogReceiver r = new TlsSyslogReceiver(pki.serverContext()).start();
             SyslogTlsTransport t = new SyslogTlsTransport(target("127.0.0.2", r.port(), pki.writeCa(dir.resolve("ca.pem"))))) {
            // 127.0.0.2 is loopback too, but the certificate names localhost and 127.0.0.1 only.
            assertThrows(IOException.class, t::connect);
        }
    }

    @Test
    void aReceiverThatStopsIsNoticedAndTheNextConnectionSaysItReplacedABrokenOne() throws Exception {
        TestPki pki = TestPki.create("receiver");
        TlsSyslogReceiver r = new TlsSyslogReceiver(pki.serverContext()).start();
        try (SyslogTlsTransport t = new SyslogTlsTransport(target("localhost", r.port(), pki.writeCa(dir.resolve("ca.pem"))))) {
            t.connect();
            t.send(frames("<13>1 - - - - - before"));
            awaitCount(r, 1);
            r.stop();
            Thread.sleep(100);
            assertThrows(IOException.class, t::connect, "nothing listens: the dead connection is dropped and a new one fails");
            r.start();
            assertTrue(t.connect(), "a new connection after a broken one");
            t.send(frames("<13>1 - - - - - after"));
            awaitCount(r, 2);
            assertEquals(List.of("<13>1 - - - - - before", "<13>1 - - - - - after"), r.messages());
        } finally {
            r.close();
        }
    }

    @Test
    void aReceiverThatWantsAClientCertificateGetsTheOneFromThePkcs12File() throws Exception {
        TestPki pki = TestPki.create("mutual");
        char[] password = "client-pass".toCharArray();
        Path p12 = pki.writeClientKeyStore(dir.resolve("client.p12"), password);
        Path ca = pki.writeCa(dir.resolve("ca.pem"));
        try (TlsSyslogReceiver r = new TlsSyslogReceiver(pki.serverContextTrustingClients(), true).start()) {
            try (SyslogTlsTransport t = new SyslogTlsTransport(new SyslogTlsTransport.Target("localhost", r.port(), ca, Optional.of(p12),
                    password, Duration.ofSeconds(5), Duration.ofMillis(50)))) {
                t.connect();
                t.send(frames("<13>1 - - - - - with a client certificate"));
                awaitCount(r, 1);
                assertEquals(List.of("<13>1 - - - - - with a client certificate"), r.messages());
            }
            try (SyslogTlsTransport t = new SyslogTlsTransport(target("localhost", r.port(), ca))) {
                // Without one the receiver ends the handshake (TLS 1.3 may report it at the first write or read).
                IOException refused = assertThrows(IOException.class, () -> {
                    t.connect();
                    t.send(frames("<13>1 - - - - - without"));
                });
                assertTrue(refused.getMessage() != null, refused.toString());
            }
            Thread.sleep(100);
            assertEquals(1, r.messages().size(), "nothing arrived without a client certificate");
        }
    }

    @Test
    void aWrongKeyStorePasswordIsAConfigurationError() throws Exception {
        TestPki pki = TestPki.create("mutual");
        Path p12 = pki.writeClientKeyStore(dir.resolve("client.p12"), "right".toCharArray());
        assertThrows(IllegalArgumentException.class, () -> new SyslogTlsTransport(new SyslogTlsTransport.Target("localhost", 1,
                pki.writeCa(dir.resolve("ca.pem")), Optional.of(p12), "wrong".toCharArray(), Duration.ofSeconds(1), Duration.ofMillis(50))));
    }

    @Test
    void anUnreadableCaFileIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new SyslogTlsTransport(target("localhost", 1, dir.resolve("missing.pem"))));
    }
}
