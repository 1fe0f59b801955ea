package online.hypermesh.trustchain.core.x509;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

class CsrValidatorTest {
    private final CsrValidator validator = new CsrValidator();

    private ErrorKind rejection(byte[] body, CertificateProfile profile) {
        return assertThrows(TrustChainException.class, () -> validator.validate(body, profile)).kind();
    }

    @Test
    void validate_acceptsPemAndDerWithDnsAndIpNames() throws Exception {
        byte[] der = TestCsrs.csr(TestCsrs.ec("secp256r1"), "CN=api.hypermesh.online",
                List.of(new GeneralName(GeneralName.dNSName, "API.hypermesh.online"), new GeneralName(GeneralName.dNSName, "trust.hypermesh.online"),
                        TestCsrs.ip(InetAddress.getByName("2001:db8::1").getAddress()), TestCsrs.ip(new byte[] {10, 0, 0, 1})));
        for (byte[] body : List.of(der, Pem.encode("CERTIFICATE REQUEST", der).getBytes(StandardCharsets.US_ASCII))) {
            ValidatedCsr csr = validator.validate(body, CertificateProfile.SERVER);
            assertEquals(List.of("api.hypermesh.online", "trust.hypermesh.online"), csr.names().dnsNames());
            assertEquals(List.of(InetAddress.getByName("2001:db8::1"), InetAddress.getByName("10.0.0.1")), csr.names().ipAddresses());
            assertEquals("api.hypermesh.online", csr.names().commonName());
            assertEquals(PublicKeyKind.EC_P256, csr.keyKind());
            assertArrayEquals(der, csr.der());
        }
    }

    @Test
    void validate_addsCommonNameAsSanWhenOnlyInSubject() throws Exception {
        ValidatedCsr csr = validator.validate(TestCsrs.csr(TestCsrs.ec("secp384r1"), "CN=caesar.hypermesh.online", List.of()), CertificateProfile.SERVER);
        assertEquals(List.of("caesar.hypermesh.online"), csr.names().dnsNames());
        assertEquals(PublicKeyKind.EC_P384, csr.keyKind());
    }

    @Test
    void validate_acceptsUriForClientProfileWithEmptySubject() throws Exception {
        ValidatedCsr csr = validator.validate(TestCsrs.csr(TestCsrs.ec("secp256r1"), "",
                List.of(new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://hypermesh.online/ns/prod/sa/api"))), CertificateProfile.CLIENT);
        assertEquals(List.of(URI.create("spiffe://hypermesh.online/ns/prod/sa/api")), csr.names().uris());
        assertEquals(null, csr.names().commonName());
    }

    @Test
    void validate_acceptsRsa2048() throws Exception {
        assertEquals(PublicKeyKind.RSA, validator.validate(TestCsrs.csr(TestCsrs.rsa(2048), "CN=rsa.hypermesh.online", List.of()), CertificateProfile.SERVER).keyKind());
    }

    @Test
    void validate_rejectsEmptyAndGarbageBodies() {
        assertEquals(ErrorKind.MALFORMED_REQUEST, rejection(new byte[0], CertificateProfile.SERVER));
        assertEquals(ErrorKind.MALFORMED_REQUEST, rejection("hello".getBytes(StandardCharsets.US_ASCII), CertificateProfile.SERVER));
        assertEquals(ErrorKind.MALFORMED_REQUEST, rejection("-----BEGIN CERTIFICATE REQUEST-----\n!!!\n-----END CERTIFICATE REQUEST-----".getBytes(StandardCharsets.US_ASCII), CertificateProfile.SERVER));
        assertEquals(ErrorKind.MALFORMED_REQUEST, rejection(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}, CertificateProfile.SERVER));
    }

    @Test
    void validate_rejectsPemOfAnotherType() {
        byte[] pem = Pem.encode("CERTIFICATE", new byte[] {0x30, 0x00}).getBytes(StandardCharsets.US_ASCII);
        TrustChainException e = assertThrows(TrustChainException.class, () -> validator.validate(pem, CertificateProfile.SERVER));
        assertEquals(ErrorKind.MALFORMED_REQUEST, e.kind());
        assertTrue(e.getMessage().contains("CERTIFICATE REQUEST"), e.getMessage());
    }

    @Test
    void validate_rejectsOversizedBody() {
        assertEquals(ErrorKind.MALFORMED_REQUEST, rejection(new byte[CsrValidator.MAX_CSR_BYTES + 1], CertificateProfile.SERVER));
    }

    @Test
    void validate_rejectsCsrWithBadSignature() throws Exception {
        byte[] der = TestCsrs.csr("svc.hypermesh.online");
        der[der.length - 5] ^= 0x01; // inside the signature BIT STRING
        assertEquals(ErrorKind.BAD_CSR_SIGNATURE, rejection(der, CertificateProfile.SERVER));
    }

    @Test
    void validate_rejectsCsrSignedByAnotherKey() throws Exception {
        // Same structure, but the public key of one pair and the signature of another: no proof of possession.
        byte[] a = TestCsrs.csr(TestCsrs.ec("secp256r1"), "CN=a.hypermesh.online", List.of());
        byte[] b = TestCsrs.csr(TestCsrs.ec("secp256r1"), "CN=a.hypermesh.online", List.of());
        var csrA = new org.bouncycastle.pkcs.PKCS10CertificationRequest(a).toASN1Structure();
        var csrB = new org.bouncycastle.pkcs.PKCS10CertificationRequest(b).toASN1Structure();
        var forged = new org.bouncycastle.asn1.pkcs.CertificationRequest(csrA.getCertificationRequestInfo(), csrB.getSignatureAlgorithm(), csrB.getSignature());
        assertEquals(ErrorKind.BAD_CSR_SIGNATURE, rejection(forged.getEncoded(), CertificateProfile.SERVER));
    }

    @Test
    void validate_rejectsSmallRsaKey() throws Exception {
        TrustChainException e = assertThrows(TrustChainException.class, () -> validator.validate(
                TestCsrs.csr(TestCsrs.rsa(1024), "CN=weak.hypermesh.online", List.of()), CertificateProfile.SERVER));
        assertEquals(ErrorKind.UNSUPPORTED_KEY, e.kind());
        assertTrue(e.getMessage().contains("1024"), e.getMessage());
    }

    @Test
    void validate_rejectsUnsupportedCurves() throws Exception {
        for (String curve : List.of("secp256k1", "secp521r1")) {
            assertEquals(ErrorKind.UNSUPPORTED_KEY, rejection(TestCsrs.csr(TestCsrs.ec(curve), "CN=c.hypermesh.online", List.of()), CertificateProfile.SERVER), curve);
        }
    }

    @Test
    void validate_rejectsCsrWithNoUsableName() throws Exception {
        assertEquals(ErrorKind.BAD_NAME, rejection(TestCsrs.csr(TestCsrs.ec("secp256r1"), "O=Nobody", List.of()), CertificateProfile.SERVER));
    }

    @Test
    void validate_rejectsSyntacticallyInvalidDnsNames() throws Exception {
        for (String bad : List.of("under_score.hypermesh.online", "-lead.hypermesh.online", "a..b.online", "trailing.dot.", "x.y.123",
                "sp ace.online", "a".repeat(64) + ".online", "*.online", "foo.*.online")) {
            assertEquals(ErrorKind.BAD_NAME, rejection(TestCsrs.csr(TestCsrs.ec("secp256r1"), "O=T", TestCsrs.dns(bad)), CertificateProfile.SERVER), bad);
        }
    }

    @Test
    void validate_rejectsInvalidNameInCommonName() throws Exception {
        assertEquals(ErrorKind.BAD_NAME, rejection(TestCsrs.csr(TestCsrs.ec("secp256r1"), "CN=not a host name", List.of()), CertificateProfile.SERVER));
        assertEquals(ErrorKind.BAD_NAME, rejection(TestCsrs.csr(TestCsrs.ec("secp256r1"), "CN=300.1.1.1", List.of()), CertificateProfile.SERVER));
    }

    @Test
    void validate_acceptsWildcardAsWholeLeftmostLabel() throws Exception {
        assertEquals(List.of("*.mesh.hypermesh.online"),
                validator.validate(TestCsrs.csr(TestCsrs.ec("secp256r1"), "O=T", TestCsrs.dns("*.mesh.hypermesh.online")), CertificateProfile.SERVER).names().dnsNames());
    }

    @Test
    void validate_rejectsUriInServerProfileAndEmailAnywhere() throws Exception {
        byte[] uri = TestCsrs.csr(TestCsrs.ec("secp256r1"), "O=T", List.of(new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://mesh/x")));
        assertEquals(ErrorKind.BAD_NAME, rejection(uri, CertificateProfile.SERVER));
        TrustChainException service = assertThrows(TrustChainException.class, () -> validator.validate(uri, CertificateProfile.SERVICE));
        assertEquals(ErrorKind.BAD_NAME, service.kind(), "service is a TLS server certificate too");
        assertTrue(service.getMessage().contains("profile service is a TLS server certificate, which carries only DNS names and IP addresses"), service.getMessage());
        assertTrue(service.getMessage().contains("ask for profile client"), service.getMessage());
        byte[] email = TestCsrs.csr(TestCsrs.ec("secp256r1"), "O=T", List.of(new GeneralName(GeneralName.rfc822Name, "a@b.online")));
        assertEquals(ErrorKind.BAD_NAME, rejection(email, CertificateProfile.SERVICE));
        byte[] relative = TestCsrs.csr(TestCsrs.ec("secp256r1"), "O=T", List.of(new GeneralName(GeneralName.uniformResourceIdentifier, "just/a/path")));
        assertEquals(ErrorKind.BAD_NAME, rejection(relative, CertificateProfile.CLIENT));
    }

    @Test
    void validate_rejectsIpSanWithNetmask() throws Exception {
        assertEquals(ErrorKind.BAD_NAME, rejection(TestCsrs.csr(TestCsrs.ec("secp256r1"), "O=T", List.of(TestCsrs.ip(new byte[8]))), CertificateProfile.SERVER));
    }
}
