package online.hypermesh.trustchain.sinks.syslog;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Date;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A CA and a "localhost" server certificate under it, for the TLS receiver of the tests. */
final class TestPki {
    final X509Certificate ca;
    final KeyPair serverKey;
    final X509Certificate server;
    private final KeyPair caKey;

    private TestPki(X509Certificate ca, KeyPair caKey, KeyPair serverKey, X509Certificate server) {
        this.ca = ca;
        this.caKey = caKey;
        this.serverKey = serverKey;
        this.server = server;
    }

    static TestPki create(String name) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair caKey = g.generateKeyPair();
        Date from = new Date(System.currentTimeMillis() - 60_000);
        Date to = new Date(System.currentTimeMillis() + 86_400_000L);
        X500Name caName = new X500Name("CN=" + name + " test CA");
        JcaX509v3CertificateBuilder cab = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, from, to, caName, caKey.getPublic());
        cab.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        X509Certificate ca = new JcaX509CertificateConverter().getCertificate(cab.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())));
        KeyPair serverKey = g.generateKeyPair();
        JcaX509v3CertificateBuilder sb = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO, from, to, new X500Name("CN=localhost"),
                serverKey.getPublic());
        sb.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        X509Certificate server = new JcaX509CertificateConverter().getCertificate(sb.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())));
        return new TestPki(ca, caKey, serverKey, server);
    }

    Path writeCa(Path file) throws IOException {
        StringWriter s = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(s)) {
            w.writeObject(ca);
        }
        Files.writeString(file, s.toString());
        return file;
    }

    /** A client key and certificate under this CA, as a PKCS#12 file with the given password. */
    Path writeClientKeyStore(Path file, char[] password) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair key = g.generateKeyPair();
        Date from = new Date(System.currentTimeMillis() - 60_000);
        Date to = new Date(System.currentTimeMillis() + 86_400_000L);
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(ca.getSubjectX500Principal().getName()),
                BigInteger.valueOf(3), from, to, new X500Name("CN=trustchain client"), key.getPublic());
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("client", key.getPrivate(), password, new X509Certificate[] {cert, ca});
        try (var out = Files.newOutputStream(file)) {
            ks.store(out, password);
        }
        return file;
    }

    /** A server context that also asks for client certificates under this CA. */
    SSLContext serverContextTrustingClients() throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", serverKey.getPrivate(), new char[0], new X509Certificate[] {server, ca});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return c;
    }

    SSLContext serverContext() throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", serverKey.getPrivate(), new char[0], new X509Certificate[] {server, ca});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(kmf.getKeyManagers(), null, null);
        return c;
    }
}
