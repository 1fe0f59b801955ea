package online.hypermesh.trustchain.bridge.cmp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against {@code openssl cmp}'s mock server: a CMP implementation that others wrote. */
class CmpClientTest {
    @TempDir
    Path dir;

    @Test
    void enroll_returnsTheCasCertificateWithItsChain_andAcceptConfirmsIt() throws Exception {
        try (MockExternalCa ca = new MockExternalCa(dir).start()) {
            CmpClient.Enrolled enrolled = client(ca, MockExternalCa.SECRET, ca.port).enroll(Files.readAllBytes(dir.resolve("leaf.der")));

            assertEquals(pem(dir.resolve("leaf.crt")), enrolled.certificate());
            assertTrue(enrolled.chain().contains(pem(dir.resolve("ca.crt"))), "extraCerts carry the CA certificate");
            enrolled.transaction().accept();
        }
    }

    @Test
    void reject_sendsCertConfWithRejection_andTheCaAnswersPkiConf() throws Exception {
        try (MockExternalCa ca = new MockExternalCa(dir).start()) {
            CmpClient.Enrolled enrolled = client(ca, MockExternalCa.SECRET, ca.port).enroll(Files.readAllBytes(dir.resolve("leaf.der")));
            enrolled.transaction().reject("the public key is not the requested one");
        }
    }

    @Test
    void enroll_withTheWrongSecret_isRefusedNamingTheSecret() throws Exception {
        try (MockExternalCa ca = new MockExternalCa(dir).start()) {
            ExternalCaException e = assertThrows(ExternalCaException.class,
                    () -> client(ca, "not-the-secret", ca.port).enroll(Files.readAllBytes(dir.resolve("leaf.der"))));
            assertTrue(e.getMessage().contains("secret"), e.getMessage());
            assertTrue(e.getMessage().contains("external CA enterprise"), e.getMessage());
        }
    }

    @Test
    void enroll_rejectedByTheCa_carriesItsStatusText() throws Exception {
        // openssl numbers -failurebits as RFC 4210 does: bit 19 is badCertTemplate.
        try (MockExternalCa ca = new MockExternalCa(dir).start("-pkistatus", "2", "-failurebits", Integer.toString(1 << 19),
                "-statusstring", "names outside the enterprise policy")) {
            ExternalCaException e = assertThrows(ExternalCaException.class,
                    () -> client(ca, MockExternalCa.SECRET, ca.port).enroll(Files.readAllBytes(dir.resolve("leaf.der"))));
            assertEquals(ExternalCaException.Kind.REFUSED, e.kind());
            assertEquals("names outside the enterprise policy", e.statusText());
            assertTrue(e.getMessage().contains("badCertTemplate"), e.getMessage());
        }
    }

    @Test
    void enroll_withNoCaListening_isUnreachable() throws Exception {
        MockExternalCa ca = new MockExternalCa(dir);
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ExternalCaException e = assertThrows(ExternalCaException.class,
                () -> client(ca, MockExternalCa.SECRET, closed).enroll(Files.readAllBytes(dir.resolve("leaf.der"))));
        assertEquals(ExternalCaException.Kind.UNREACHABLE, e.kind());
        assertTrue(e.getMessage().contains("refused the connection"), e.getMessage());
    }

    @Test
    void revoke_ofTheCasCertificate_isGranted() throws Exception {
        try (MockExternalCa ca = new MockExternalCa(dir).start()) {
            X509CertificateHolder leaf = pem(dir.resolve("leaf.crt"));
            client(ca, MockExternalCa.SECRET, ca.port).revoke(leaf.getIssuer(), leaf.getSerialNumber(), 1);
        }
    }

    private CmpClient client(MockExternalCa ca, String secret, int port) throws IOException {
        return new CmpClient(new ExternalCaEndpoint("enterprise", URI.create("http://127.0.0.1:" + port + "/pkix/"), MockExternalCa.REFERENCE,
                secret.getBytes(StandardCharsets.UTF_8), pem(ca.dir.resolve("ca.crt")), Duration.ofSeconds(5)));
    }

    static X509CertificateHolder pem(Path file) throws IOException {
        try (PEMParser p = new PEMParser(Files.newBufferedReader(file))) {
            return (X509CertificateHolder) p.readObject();
        }
    }
}
