package online.hypermesh.trustchain.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class CsrGeneratorTest {

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void csrIsSelfSignedAndCarriesCnAndDnsSan(KeyType keyType) throws Exception {
        PKCS10CertificationRequest csr = new CsrGenerator(keyType).generate(42);
        String name = "svc-42.bench.hypermesh.online";

        JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(csr);
        assertTrue(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(jca.getPublicKey())));
        assertEquals(name, IETFUtils.valueToString(csr.getSubject().getRDNs(BCStyle.CN)[0].getFirst().getValue()));

        assertEquals(1, csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest).length);
        Extensions extensions = csr.getRequestedExtensions();
        assertNotNull(extensions);
        GeneralName[] sans = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName).getNames();
        assertEquals(1, sans.length);
        assertEquals(GeneralName.dNSName, sans[0].getTagNo());
        assertEquals(name, sans[0].getName().toString());
    }

    @Test
    void generatesDistinctKeysAndNamesInOrder() throws Exception {
        List<byte[]> ders = new CsrGenerator(KeyType.P256).generateDer(3);
        assertEquals(3, ders.size());
        for (int i = 0; i < 3; i++) {
            PKCS10CertificationRequest csr = new PKCS10CertificationRequest(ders.get(i));
            assertEquals(CsrGenerator.dnsName(i),
                    IETFUtils.valueToString(csr.getSubject().getRDNs(BCStyle.CN)[0].getFirst().getValue()));
        }
        byte[] key0 = new PKCS10CertificationRequest(ders.get(0)).getSubjectPublicKeyInfo().getEncoded();
        byte[] key1 = new PKCS10CertificationRequest(ders.get(1)).getSubjectPublicKeyInfo().getEncoded();
        assertTrue(!java.util.Arrays.equals(key0, key1));
        assertArrayEquals(ders.get(2), new PKCS10CertificationRequest(ders.get(2)).getEncoded());
    }
}
