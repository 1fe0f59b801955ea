package online.hypermesh.trustchain.core.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

class DelegatedResponderIssuerTest {
    private static final AtomicInteger ALIASES = new AtomicInteger();
    private final RevocationTestCa ca = RevocationTestCa.shared();
    private final DelegatedResponderIssuer issuer = newIssuer(ca);

    static DelegatedResponderIssuer newIssuer(RevocationTestCa ca) {
        return new DelegatedResponderIssuer(ca.token, new ResponderCertificateLinter(), new ResponderCertificateSigner(ca.token), Clock.systemUTC());
    }

    static String freshAlias() {
        return "ocsp-test-" + ALIASES.incrementAndGet() + "-" + System.nanoTime();
    }

    @Test
    void responderCertificateIsAnOcspSigningLeafWithNocheckIssuedByTheCa() throws Exception {
        OcspResponderCredential credential = issuer.issue(ca.intermediate, freshAlias(), Duration.ofDays(4));
        X509Certificate cert = RevocationTestCa.x509(credential.certificate());
        X509Certificate intermediate = RevocationTestCa.x509(ca.intermediate.certificate());
        cert.verify(intermediate.getPublicKey());
        assertEquals(intermediate.getSubjectX500Principal(), cert.getIssuerX500Principal());
        assertEquals(List.of("1.3.6.1.5.5.7.3.9"), cert.getExtendedKeyUsage());
        assertNotNull(cert.getExtensionValue(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck.getId()));
        assertEquals(-1, cert.getBasicConstraints());
        assertTrue(cert.getKeyUsage()[0], "digitalSignature");
        assertFalse(cert.getKeyUsage()[5] || cert.getKeyUsage()[6], "no keyCertSign or cRLSign");
        assertEquals(Duration.ofDays(4), Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()).plusSeconds(1));
        assertTrue(ca.token.hasKey(credential.keyAlias()));
        assertEquals(cert.getPublicKey(), ca.token.publicKey(credential.keyAlias()));

        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(RevocationTestCa.x509(ca.root.certificate()), null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert, intermediate)), params);
    }

    @Test
    void refusesAResponderValidityBeyondTheCapWithoutCreatingAKey() {
        String alias = freshAlias();
        TrustChainException e = assertThrows(TrustChainException.class,
                () -> issuer.issue(ca.intermediate, alias, Duration.ofDays(15)));
        assertEquals(ErrorKind.POLICY_VIOLATION, e.kind());
        assertFalse(ca.token.hasKey(alias));
    }

    @Test
    void linterRejectsLongValidityAndAForeignCa() throws Exception {
        var key = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(
                ca.token.generateKey(freshAlias(), DelegatedResponderIssuer.RESPONDER_KEY_TYPE).getEncoded());
        var tbs = ResponderCertificateTemplate.build(ca.intermediate, key, online.hypermesh.trustchain.core.x509.SerialNumbers.next(),
                online.hypermesh.trustchain.core.x509.Validity.startingAt(java.time.Instant.now(), Duration.ofDays(15)));
        TrustChainException e = assertThrows(TrustChainException.class, () -> new ResponderCertificateLinter().lint(tbs, ca.intermediate));
        assertEquals(ErrorKind.LINT_FAILURE, e.kind());
        assertTrue(e.detail().contains("validity"), e.detail());

        // The same certificate body presented as the root's: wrong issuer, AKI and algorithm.
        var ok = ResponderCertificateTemplate.build(ca.intermediate, key, online.hypermesh.trustchain.core.x509.SerialNumbers.next(),
                online.hypermesh.trustchain.core.x509.Validity.startingAt(java.time.Instant.now(), Duration.ofDays(1)));
        TrustChainException wrongCa = assertThrows(TrustChainException.class, () -> new ResponderCertificateLinter().lint(ok, ca.root));
        assertTrue(wrongCa.detail().contains("issuer must be the CA"), wrongCa.detail());
        assertTrue(wrongCa.detail().contains("authorityKeyIdentifier"), wrongCa.detail());
    }

    @Test
    void aLintedResponderCertificateCanBeSignedOnlyOnce() throws Exception {
        var key = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(
                ca.token.generateKey(freshAlias(), DelegatedResponderIssuer.RESPONDER_KEY_TYPE).getEncoded());
        var tbs = ResponderCertificateTemplate.build(ca.intermediate, key, online.hypermesh.trustchain.core.x509.SerialNumbers.next(),
                online.hypermesh.trustchain.core.x509.Validity.startingAt(java.time.Instant.now(), Duration.ofDays(1)));
        LintedResponderCertificate linted = new ResponderCertificateLinter().lint(tbs, ca.intermediate);
        ResponderCertificateSigner signer = new ResponderCertificateSigner(ca.token);
        signer.sign(linted);
        assertThrows(TrustChainException.class, () -> signer.sign(linted));
    }
}
