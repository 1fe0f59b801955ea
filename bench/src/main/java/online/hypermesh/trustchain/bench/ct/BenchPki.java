package online.hypermesh.trustchain.bench.ct;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway PKI for the CT benchmarks: a P-256 root and an intermediate under it, and distinct
 * leaf certificates under the intermediate, all signed with Bouncy Castle (several times faster
 * than SunEC for ECDSA on JDK 17), so minting 100,000 leaves takes seconds. Leaves differ by
 * serial and name; they share a few subject keys, since a fresh key per leaf would only cost time.
 * Thread-safe.
 */
final class BenchPki {
    static final Provider BC = new BouncyCastleProvider();
    private static final int LEAF_KEYS = 16;

    private final String name;
    private final KeyPair rootKey = ecKey();
    private final KeyPair intermediateKey = ecKey();
    private final byte[] root;
    private final byte[] intermediate;
    private final List<PublicKey> leafKeys = new ArrayList<>();
    private final AtomicLong serial = new AtomicLong(System.currentTimeMillis() << 16);
    private final long notBefore = System.currentTimeMillis() - 3_600_000L;

    BenchPki(String name) {
        this.name = name;
        root = sign("CN=" + name + " Root", "CN=" + name + " Root", rootKey.getPublic(), rootKey.getPrivate(), true, null);
        intermediate = sign("CN=" + name + " Root", "CN=" + name + " Intermediate", intermediateKey.getPublic(), rootKey.getPrivate(),
                true, null);
        for (int i = 0; i < LEAF_KEYS; i++) {
            leafKeys.add(ecKey().getPublic());
        }
    }

    byte[] root() {
        return root.clone();
    }

    byte[] intermediate() {
        return intermediate.clone();
    }

    /** A leaf for {@code <label>.<name>.bench.example}, DER. */
    byte[] leaf(String label) {
        String dns = label + "." + name.toLowerCase().replaceAll("[^a-z0-9]", "") + ".bench.example";
        long s = serial.incrementAndGet();
        return sign("CN=" + name + " Intermediate", "CN=" + dns, leafKeys.get((int) (s % LEAF_KEYS)), intermediateKey.getPrivate(), false,
                dns);
    }

    /** {@code count} distinct leaves, minted on all cores. */
    List<byte[]> leaves(String prefix, int count) {
        return IntStream.range(0, count).parallel().mapToObj(i -> leaf(prefix + i)).toList();
    }

    private byte[] sign(String issuer, String subject, PublicKey key, PrivateKey signer, boolean ca, String dns) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(serial.incrementAndGet()),
                    new Date(notBefore), new Date(notBefore + 2 * 86_400_000L), new X500Name(subject), key);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, dns)));
            }
            ContentSigner cs = new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(signer);
            return b.build(cs).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot mint a bench certificate", e);
        }
    }

    static KeyPair ecKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
