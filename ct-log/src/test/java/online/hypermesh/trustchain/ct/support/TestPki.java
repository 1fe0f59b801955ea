package online.hypermesh.trustchain.ct.support;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import online.hypermesh.trustchain.ct.submit.TbsCertificates;

/** A small real PKI for tests: a root, an intermediate under it, and leaves or precertificates under that. */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    public final KeyPair rootKey = ecKey();
    public final X509Certificate root;
    public final KeyPair intermediateKey = ecKey();
    public final X509Certificate intermediate;

    public TestPki(String name) {
        root = certificate("CN=" + name + " Root", "CN=" + name + " Root", rootKey.getPublic(), rootKey.getPrivate(), true, false);
        intermediate = certificate("CN=" + name + " Root", "CN=" + name + " Intermediate", intermediateKey.getPublic(),
                rootKey.getPrivate(), true, false);
    }

    /** A leaf under the intermediate for {@code dnsName}. */
    public X509Certificate leaf(String dnsName) {
        return certificate(intermediate.getSubjectX500Principal().getName(), "CN=" + dnsName, ecKey().getPublic(),
                intermediateKey.getPrivate(), false, false);
    }

    /** A precertificate (critical poison extension) under the intermediate. */
    public X509Certificate precertificate(String dnsName) {
        return certificate(intermediate.getSubjectX500Principal().getName(), "CN=" + dnsName, ecKey().getPublic(),
                intermediateKey.getPrivate(), false, true);
    }

    public static KeyPair ecKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static X509Certificate certificate(String issuer, String subject, PublicKey key, PrivateKey signer, boolean ca, boolean poison) {
        try {
            long now = System.currentTimeMillis();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(SERIAL.incrementAndGet()),
                    new Date(now - 60_000), new Date(now + 86_400_000L), new X500Name(subject), key);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, subject.substring(3))));
            }
            if (poison) {
                b.addExtension(TbsCertificates.POISON, true, DERNull.INSTANCE);
            }
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
