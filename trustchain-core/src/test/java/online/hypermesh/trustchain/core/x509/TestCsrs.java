package online.hypermesh.trustchain.core.x509;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Builds CSRs for tests, with whatever keys and names a test needs. */
final class TestCsrs {
    private TestCsrs() {
    }

    static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", BouncyCastle.PROVIDER);
        g.initialize(bits);
        return g.generateKeyPair();
    }

    static byte[] csr(KeyPair pair, String subject, List<GeneralName> sans) throws Exception {
        var builder = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), pair.getPublic());
        if (!sans.isEmpty()) {
            ExtensionsGenerator ext = new ExtensionsGenerator();
            ext.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(new GeneralName[0])));
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate());
        }
        String alg = pair.getPublic().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return builder.build(new JcaContentSignerBuilder(alg).setProvider(BouncyCastle.PROVIDER).build(pair.getPrivate())).getEncoded();
    }

    static byte[] csr(String... dnsNames) throws Exception {
        return csr(ec("secp256r1"), "CN=" + dnsNames[0], dns(dnsNames));
    }

    static List<GeneralName> dns(String... names) {
        return java.util.Arrays.stream(names).map(n -> new GeneralName(GeneralName.dNSName, n)).toList();
    }

    static GeneralName ip(byte[] octets) {
        return new GeneralName(GeneralName.iPAddress, new DEROctetString(octets));
    }
}
