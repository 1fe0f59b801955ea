package online.hypermesh.trustchain.bridge.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * tls-alpn-01 against a real TLS server on loopback (the JDK's, negotiating ALPN), with
 * certificates made the way RFC 8737 3 says a client makes them, and the ways they go wrong.
 */
class TlsAlpn01ValidatorTest {
    private static final String NAME = "localhost";
    private static final String KEY_AUTHORIZATION = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA.NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

    /** A one-certificate TLS server on loopback that accepts handshakes until closed. */
    private static final class Server implements AutoCloseable {
        final SSLServerSocket socket;

        Server(X509Certificate certificate, KeyPair key, String... alpn) throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("challenge", key.getPrivate(), new char[0], new X509Certificate[] {certificate});
            KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
            keys.init(store, new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress());
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(alpn);
            socket.setSSLParameters(parameters);
            Thread accept = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (SSLSocket s = (SSLSocket) socket.accept()) {
                        s.startHandshake();
                    } catch (IOException e) {
                        // a refused handshake is what some tests are about; keep accepting
                    }
                }
            });
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static KeyPair key() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(KeyPair key, List<String> names, byte[] digest, boolean critical) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=acme tls alpn"), BigInteger.ONE,
                Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)), new X500Name("CN=acme tls alpn"), key.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(names.stream().map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new)));
        if (digest != null) {
            builder.addExtension(new ASN1ObjectIdentifier(TlsAlpn01Validator.ACME_IDENTIFIER_OID), critical, new DEROctetString(digest));
        }
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    }

    private static TlsAlpn01Validator validator(int port) {
        return new TlsAlpn01Validator(new NameResolver(List.of(), Duration.ofSeconds(2)), port, Duration.ofSeconds(2));
    }

    private static AcmeProblem refused(X509Certificate certificate, KeyPair key, String... alpn) throws Exception {
        try (Server server = new Server(certificate, key, alpn)) {
            return assertThrows(AcmeProblem.class, () -> validator(server.port()).validate(NAME, KEY_AUTHORIZATION));
        }
    }

    @Test
    void theRfc8737Certificate_overAcmeTls1_validates() throws Exception {
        KeyPair key = key();
        try (Server server = new Server(certificate(key, List.of(NAME), TlsAlpn01Validator.sha256(KEY_AUTHORIZATION), true), key,
                TlsAlpn01Validator.ACME_TLS_1)) {
            InetAddress from = validator(server.port()).validate(NAME, KEY_AUTHORIZATION);
            assertTrue(from.isLoopbackAddress(), from.toString());
        }
    }

    @Test
    void anotherKeyAuthorizationsDigest_isAnIncorrectResponse() throws Exception {
        KeyPair key = key();
        AcmeProblem p = refused(certificate(key, List.of(NAME), TlsAlpn01Validator.sha256(KEY_AUTHORIZATION + "x"), true), key,
                TlsAlpn01Validator.ACME_TLS_1);
        assertEquals(AcmeProblem.Type.INCORRECT_RESPONSE, p.type());
        assertTrue(p.detail().contains("not the SHA-256"), p.detail());
    }

    @Test
    void aNonCriticalOrMissingExtension_isAnIncorrectResponse() throws Exception {
        KeyPair key = key();
        AcmeProblem notCritical = refused(certificate(key, List.of(NAME), TlsAlpn01Validator.sha256(KEY_AUTHORIZATION), false), key,
                TlsAlpn01Validator.ACME_TLS_1);
        assertEquals(AcmeProblem.Type.INCORRECT_RESPONSE, notCritical.type());
        assertTrue(notCritical.detail().contains("no critical acmeIdentifier"), notCritical.detail());
        AcmeProblem missing = refused(certificate(key, List.of(NAME), null, true), key, TlsAlpn01Validator.ACME_TLS_1);
        assertTrue(missing.detail().contains("no critical acmeIdentifier"), missing.detail());
    }

    @Test
    void aCertificateForMoreNamesThanTheOne_isAnIncorrectResponse() throws Exception {
        KeyPair key = key();
        AcmeProblem p = refused(certificate(key, List.of(NAME, "other.example"), TlsAlpn01Validator.sha256(KEY_AUTHORIZATION), true), key,
                TlsAlpn01Validator.ACME_TLS_1);
        assertEquals(AcmeProblem.Type.INCORRECT_RESPONSE, p.type());
        assertTrue(p.detail().contains("exactly the dNSName localhost"), p.detail());
    }

    @Test
    void aServerWithoutAcmeTls1_isATlsProblem() throws Exception {
        KeyPair key = key();
        AcmeProblem p = refused(certificate(key, List.of(NAME), TlsAlpn01Validator.sha256(KEY_AUTHORIZATION), true), key, "h2");
        assertEquals(AcmeProblem.Type.TLS, p.type(), p.detail());
        assertEquals("urn:ietf:params:acme:error:tls", p.type().urn());
    }

    @Test
    void nothingListening_isAConnectionProblem() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        int closed = port;
        AcmeProblem p = assertThrows(AcmeProblem.class, () -> validator(closed).validate(NAME, KEY_AUTHORIZATION));
        assertEquals(AcmeProblem.Type.CONNECTION, p.type());
    }
}
