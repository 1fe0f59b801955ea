package online.hypermesh.trustchain.bridge.acme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Set;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

/** The finalize CSR must name exactly the order's identifiers (RFC 8555 7.4). */
class AcmeCsrTest {
    private static byte[] csr(String cn, String... sans) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        var builder = new JcaPKCS10CertificationRequestBuilder(new X500Name(cn == null ? "" : "CN=" + cn), pair.getPublic());
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        GeneralName[] names = new GeneralName[sans.length];
        for (int i = 0; i < sans.length; i++) {
            names[i] = new GeneralName(GeneralName.dNSName, sans[i]);
        }
        extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())).getEncoded();
    }

    @Test
    void sameNames_pass_inAnyOrder_withTheCnAmongThem() throws Exception {
        byte[] der = csr("a.hypermesh.online", "b.hypermesh.online", "a.hypermesh.online");
        assertArrayEquals(der, AcmeCsr.matching(Base64Url.encode(der), Set.of("b.hypermesh.online", "a.hypermesh.online")));
    }

    @Test
    void anExtraOrMissingName_isBadCsr() throws Exception {
        byte[] extra = csr(null, "a.hypermesh.online", "evil.example.com");
        assertEquals(AcmeProblem.Type.BAD_CSR, assertThrows(AcmeProblem.class,
                () -> AcmeCsr.matching(Base64Url.encode(extra), Set.of("a.hypermesh.online"))).type());
        byte[] missing = csr(null, "a.hypermesh.online");
        assertEquals(AcmeProblem.Type.BAD_CSR, assertThrows(AcmeProblem.class,
                () -> AcmeCsr.matching(Base64Url.encode(missing), Set.of("a.hypermesh.online", "b.hypermesh.online"))).type());
        assertEquals(AcmeProblem.Type.BAD_CSR, assertThrows(AcmeProblem.class,
                () -> AcmeCsr.matching(Base64Url.encode(new byte[] {1, 2, 3}), Set.of("a.hypermesh.online"))).type());
    }
}
