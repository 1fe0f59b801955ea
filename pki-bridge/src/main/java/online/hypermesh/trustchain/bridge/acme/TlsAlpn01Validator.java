package online.hypermesh.trustchain.bridge.acme;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;

import online.hypermesh.trustchain.bridge.acme.AcmeProblem.Type;

/**
 * The tls-alpn-01 check (RFC 8737 3): a TLS handshake with the name's addresses on the configured
 * port (443 in production), IPv6 first, sending the name as SNI and offering only the ALPN
 * protocol {@code acme-tls/1}. The server must negotiate {@code acme-tls/1} and present a
 * certificate whose subjectAltName holds exactly the one dNSName being validated and whose
 * critical id-pe-acmeIdentifier extension is the SHA-256 of the key authorization.
 *
 * <p>The certificate is self-signed by design (the client makes it for the challenge), so no
 * chain is built: the trust manager accepts any chain and the checks here are all there is. That
 * is safe because nothing of this connection is trusted or reused: only the extension's digest,
 * which only the account key's holder can produce for this token, is evidence.
 */
public final class TlsAlpn01Validator {
    /** RFC 8737 6.2: the ALPN protocol a validation handshake offers and requires. */
    public static final String ACME_TLS_1 = "acme-tls/1";
    /** id-pe-acmeIdentifier, RFC 8737 6.1. */
    public static final String ACME_IDENTIFIER_OID = "1.3.6.1.5.5.7.1.31";
    private static final int DNS_NAME = 2;

    private final NameResolver resolver;
    private final int port;
    private final Duration timeout;
    private final SSLContext context;

    public TlsAlpn01Validator(NameResolver resolver, int port, Duration timeout) {
        this.resolver = resolver;
        this.port = port;
        this.timeout = timeout;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AnyChain()}, new SecureRandom());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS client in this JVM", e);
        }
    }

    /** @return the address whose certificate proved control. @throws AcmeProblem connection, incorrectResponse, tls or dns */
    public InetAddress validate(String name, String keyAuthorization) {
        byte[] expected = sha256(keyAuthorization);
        List<String> failures = new ArrayList<>();
        boolean tlsFailed = false;
        for (InetAddress address : resolver.addresses(name)) {
            X509Certificate certificate;
            try {
                certificate = handshake(address, name);
            } catch (SSLException e) {
                tlsFailed = true;
                failures.add(literal(address) + ": " + e.getMessage());
                continue;
            } catch (IOException e) {
                failures.add(literal(address) + ": " + e.getMessage());
                continue;
            }
            check(certificate, name, expected, literal(address));
            return address;
        }
        // A server that answered but failed the handshake (say, without acme-tls/1) is a TLS problem, not a connection one.
        throw new AcmeProblem(tlsFailed ? Type.TLS : Type.CONNECTION, "no TLS handshake with " + name + ":" + port + " for tls-alpn-01 ("
                + String.join("; ", failures) + ")");
    }

    private X509Certificate handshake(InetAddress address, String name) throws IOException {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
            plain.setSoTimeout((int) timeout.toMillis());
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, name, port, false)) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setServerNames(List.of(new SNIHostName(name)));
                parameters.setApplicationProtocols(new String[] {ACME_TLS_1});
                parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                String negotiated = tls.getApplicationProtocol();
                if (!ACME_TLS_1.equals(negotiated)) {
                    throw new AcmeProblem(Type.INCORRECT_RESPONSE, name + ":" + port + " at " + literal(address)
                            + " did not negotiate ALPN " + ACME_TLS_1 + " (it chose " + (negotiated == null || negotiated.isEmpty() ? "none" : negotiated) + ")");
                }
                Certificate[] chain = tls.getSession().getPeerCertificates();
                if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                    throw new AcmeProblem(Type.INCORRECT_RESPONSE, name + ":" + port + " presented no X.509 certificate");
                }
                return leaf;
            }
        }
    }

    /** The RFC 8737 3 checks of the presented certificate. */
    static void check(X509Certificate certificate, String name, byte[] expectedDigest, String at) {
        String where = name + " at " + at;
        List<String> dnsNames = new ArrayList<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (!(san.get(0) instanceof Integer type) || type != DNS_NAME) {
                        throw new AcmeProblem(Type.INCORRECT_RESPONSE, "the tls-alpn-01 certificate of " + where
                                + " has a subjectAltName entry that is not a dNSName; it must hold only " + name);
                    }
                    dnsNames.add(((String) san.get(1)).toLowerCase(Locale.ROOT));
                }
            }
        } catch (CertificateParsingException e) {
            throw new AcmeProblem(Type.INCORRECT_RESPONSE, "the tls-alpn-01 certificate of " + where + " has an unreadable subjectAltName: " + e.getMessage());
        }
        if (!dnsNames.equals(List.of(name.toLowerCase(Locale.ROOT)))) {
            throw new AcmeProblem(Type.INCORRECT_RESPONSE, "the tls-alpn-01 certificate of " + where + " names " + dnsNames
                    + "; its subjectAltName must hold exactly the dNSName " + name);
        }
        if (certificate.getCriticalExtensionOIDs() == null || !certificate.getCriticalExtensionOIDs().contains(ACME_IDENTIFIER_OID)) {
            throw new AcmeProblem(Type.INCORRECT_RESPONSE, "the tls-alpn-01 certificate of " + where
                    + " has no critical acmeIdentifier extension (" + ACME_IDENTIFIER_OID + ")");
        }
        byte[] digest;
        try {
            // getExtensionValue gives the extnValue OCTET STRING; inside it is the Authorization OCTET STRING.
            ASN1Primitive inner = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(certificate.getExtensionValue(ACME_IDENTIFIER_OID)).getOctets());
            digest = ASN1OctetString.getInstance(inner).getOctets();
        } catch (IOException | IllegalArgumentException e) {
            throw new AcmeProblem(Type.INCORRECT_RESPONSE, "the acmeIdentifier extension of " + where + " is not an OCTET STRING: " + e.getMessage());
        }
        if (!MessageDigest.isEqual(digest, expectedDigest)) {
            throw new AcmeProblem(Type.INCORRECT_RESPONSE, "the acmeIdentifier extension of " + where
                    + " is not the SHA-256 of this challenge's key authorization");
        }
    }

    static byte[] sha256(String keyAuthorization) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(keyAuthorization.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String literal(InetAddress a) {
        return a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
    }

    /** Accepts any chain: see the class comment for why that is right here and nowhere else. */
    private static final class AnyChain extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("a validation client has no clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("a validation client has no clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a validation client has no clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
