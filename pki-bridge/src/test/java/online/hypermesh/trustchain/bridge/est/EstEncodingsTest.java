package online.hypermesh.trustchain.bridge.est;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.est.CSRAttributesResponse;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

class EstEncodingsTest {
    private static final KeyPair KEY = ServerKeyGeneration.newKeyPair();

    @Test
    void base64_roundTripsInLinesOfSeventySixWithLf() {
        byte[] der = new byte[200];
        for (int i = 0; i < der.length; i++) {
            der[i] = (byte) i;
        }
        byte[] encoded = EstBase64.encode(der);
        String text = new String(encoded, StandardCharsets.US_ASCII);
        assertEquals('\n', text.charAt(76), text);
        assertTrue(text.endsWith("\n") && !text.contains("\r"));
        assertArrayEquals(der, EstBase64.decode(encoded, "request"));
        assertArrayEquals(der, EstBase64.decode(text.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII), "request"));
    }

    @Test
    void base64_refusesEmptyBinaryAndBrokenBodies() {
        assertEquals(400, assertThrows(EstError.class, () -> EstBase64.decode(new byte[0], "CSR")).status());
        EstError binary = assertThrows(EstError.class, () -> EstBase64.decode(new byte[] {0x30, (byte) 0x82, 1, 2}, "CSR"));
        assertTrue(binary.getMessage().contains("not base64"), binary.getMessage());
        assertThrows(EstError.class, () -> EstBase64.decode("QUJD=A".getBytes(StandardCharsets.US_ASCII), "CSR"));
        assertThrows(EstError.class, () -> EstBase64.decode("-----BEGIN".getBytes(StandardCharsets.US_ASCII), "CSR"));
    }

    @Test
    void certsOnly_holdsExactlyTheCertificatesAndNoSigner() throws Exception {
        byte[] a = certificate("CN=a", "a.example").getEncoded();
        byte[] b = certificate("CN=b", "b.example").getEncoded();
        byte[] pkcs7 = CertsOnly.encode(List.of(a, b));
        var signed = new org.bouncycastle.cms.CMSSignedData(pkcs7);
        assertEquals(0, signed.getSignerInfos().size());
        assertEquals(null, signed.getSignedContent());
        Set<X509CertificateHolder> expected = Set.of(new X509CertificateHolder(a), new X509CertificateHolder(b));
        assertEquals(expected, Set.copyOf(CertsOnly.decode(pkcs7)));
    }

    @Test
    void csr_parsesAndRefusesGarbageAndBadSignatures() throws Exception {
        byte[] der = csr("CN=web.example", KEY, "web.example");
        EstCsr csr = EstCsr.parse(der);
        assertEquals(new X500Name("CN=web.example"), csr.subject());
        assertEquals(Set.of(new GeneralName(GeneralName.dNSName, "web.example")), csr.subjectAltNames());
        assertEquals(400, assertThrows(EstError.class, () -> EstCsr.parse(new byte[] {1, 2, 3})).status());
        byte[] tampered = der.clone();
        tampered[tampered.length - 5] ^= 1;
        assertEquals(400, assertThrows(EstError.class, () -> EstCsr.parse(tampered)).status());
    }

    @Test
    void reenroll_requiresTheSameSubjectAndSan() throws Exception {
        X509CertificateHolder current = certificate("CN=web.example", "web.example");
        ReenrollMatch.require(EstCsr.parse(csr("CN=web.example", KEY, "web.example")), current);
        EstError subject = assertThrows(EstError.class, () -> ReenrollMatch.require(EstCsr.parse(csr("CN=other.example", KEY, "web.example")), current));
        assertTrue(subject.getMessage().contains("subject"), subject.getMessage());
        EstError san = assertThrows(EstError.class,
                () -> ReenrollMatch.require(EstCsr.parse(csr("CN=web.example", KEY, "web.example", "more.example")), current));
        assertTrue(san.getMessage().contains("subjectAltName"), san.getMessage());
        assertThrows(EstError.class, () -> ReenrollMatch.require(EstCsr.parse(csr("CN=web.example", KEY)), current));
    }

    @Test
    void csrAttributes_parseWithBouncyCastlesEstClientClass_andCarryTheProfilesExtendedKeyUsage() throws Exception {
        byte[] der = CsrAttributes.forProfile(SECObjectIdentifiers.secp256r1, X9ObjectIdentifiers.ecdsa_with_SHA256,
                List.of(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_serverAuth, org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_clientAuth));
        CSRAttributesResponse parsed = new CSRAttributesResponse(der);
        assertTrue(parsed.hasRequirement(X9ObjectIdentifiers.id_ecPublicKey));
        assertTrue(parsed.hasRequirement(X9ObjectIdentifiers.ecdsa_with_SHA256));
        assertTrue(parsed.isAttribute(X9ObjectIdentifiers.id_ecPublicKey));
        assertTrue(parsed.isAttribute(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.pkcs_9_at_extensionRequest));
        ASN1Sequence sequence = ASN1Sequence.getInstance(der);
        Attribute key = Attribute.getInstance(sequence.getObjectAt(0));
        assertEquals(SECObjectIdentifiers.secp256r1, ASN1ObjectIdentifier.getInstance(key.getAttrValues().getObjectAt(0)));
        // RFC 9908 3.3: the extensionRequest's value is an Extensions template, here the EKU the profile issues.
        Attribute request = Attribute.getInstance(sequence.getObjectAt(2));
        var extensions = org.bouncycastle.asn1.x509.Extensions.getInstance(request.getAttrValues().getObjectAt(0));
        var eku = org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(extensions);
        assertTrue(eku.hasKeyPurposeId(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_serverAuth)
                && eku.hasKeyPurposeId(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_clientAuth));
        assertEquals(2, eku.getUsages().length);
    }

    @Test
    void serverKeyGeneration_requestRepeatsSubjectAndExtensionsForTheNewKey() throws Exception {
        EstCsr template = EstCsr.parse(csr("CN=gen.example", KEY, "gen.example"));
        KeyPair generated = ServerKeyGeneration.newKeyPair();
        EstCsr made = EstCsr.parse(ServerKeyGeneration.requestFor(template, generated));
        assertEquals(template.subject(), made.subject());
        assertEquals(template.subjectAltNames(), made.subjectAltNames());
        var reply = ServerKeyGeneration.reply(generated.getPrivate().getEncoded(), CertsOnly.encode(List.of()));
        assertTrue(reply.contentType().startsWith("multipart/mixed; boundary=est-"));
        String boundary = reply.contentType().substring(reply.contentType().indexOf('=') + 1);
        String body = new String(reply.body(), StandardCharsets.US_ASCII);
        String[] parts = body.split("--" + boundary);
        assertEquals(4, parts.length, body);
        assertTrue(parts[1].contains("Content-Type: application/pkcs8\r\nContent-Transfer-Encoding: base64\r\n\r\n"), parts[1]);
        assertTrue(parts[2].contains("Content-Type: application/pkcs7-mime; smime-type=certs-only\r\n"));
        assertEquals("--\r\n", parts[3]);
        byte[] key = EstBase64.decode(parts[1].substring(parts[1].indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.US_ASCII), "key");
        assertEquals(generated.getPrivate(), KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(key)));
    }

    private static byte[] csr(String subject, KeyPair key, String... dnsNames) throws Exception {
        PKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), key.getPublic());
        if (dnsNames.length > 0) {
            GeneralName[] names = new GeneralName[dnsNames.length];
            for (int i = 0; i < names.length; i++) {
                names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
            }
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
        }
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())).getEncoded();
    }

    private static X509CertificateHolder certificate(String subject, String dnsName) throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=issuer"), BigInteger.TEN,
                Date.from(now), Date.from(now.plus(1, ChronoUnit.DAYS)), new X500Name(subject), KEY.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(KEY.getPrivate()));
    }
}
