package online.hypermesh.trustchain.core.revocation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLReason;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateRevokedException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import online.hypermesh.trustchain.core.x509.Pem;

class CrlBuilderTest {
    private final RevocationTestCa ca = RevocationTestCa.shared();
    private final CrlBuilder builder = new CrlBuilder(new CrlLinter(), new CrlSigner(ca.token));
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final Instant later = now.plus(Duration.ofDays(1));

    @TempDir
    Path dir;

    private static final BigInteger A = new BigInteger("7a1b2c3d4e5f60718293a4b5c6d7e8f9", 16);
    private static final BigInteger B = new BigInteger("1234567890abcdef1234", 16);
    private static final BigInteger C = new BigInteger("5eed5eed5eed5eed5eed", 16);

    private List<RevokedEntry> entries() {
        return List.of(
                new RevokedEntry(A, now.minusSeconds(600), RevocationReason.KEY_COMPROMISE),
                new RevokedEntry(B, now.minusSeconds(300), RevocationReason.UNSPECIFIED),
                new RevokedEntry(C, now.minusSeconds(60), RevocationReason.CERTIFICATE_HOLD));
    }

    @Test
    void fullCrlIsAVerifiableV2CrlWithNumberAkiIdpAndReasons() throws Exception {
        X509CRLHolder holder = builder.full(ca.intermediate, BigInteger.valueOf(42), now, later, entries());
        X509CRL crl = RevocationTestCa.x509(holder);
        crl.verify(RevocationTestCa.x509(ca.intermediate.certificate()).getPublicKey());
        assertEquals(2, crl.getVersion());
        assertEquals(RevocationTestCa.x509(ca.intermediate.certificate()).getSubjectX500Principal(), crl.getIssuerX500Principal());
        assertEquals(now, crl.getThisUpdate().toInstant());
        assertEquals(later, crl.getNextUpdate().toInstant());
        assertEquals("SHA384withECDSA", crl.getSigAlgName());

        assertEquals(BigInteger.valueOf(42), CRLNumber.getInstance(holder.getExtension(Extension.cRLNumber).getParsedValue()).getCRLNumber());
        assertFalse(holder.getExtension(Extension.cRLNumber).isCritical());
        assertTrue(holder.getExtension(Extension.authorityKeyIdentifier) != null);
        assertNull(holder.getExtension(Extension.deltaCRLIndicator));
        assertTrue(crl.getCriticalExtensionOIDs().contains(Extension.issuingDistributionPoint.getId()));
        IssuingDistributionPoint idp = IssuingDistributionPoint.getInstance(holder.getExtension(Extension.issuingDistributionPoint).getParsedValue());
        assertTrue(idp.onlyContainsUserCerts());
        assertFalse(idp.onlyContainsCACerts());
        assertEquals("http://localhost:8080/crl/rev-int-g1.crl",
                GeneralNames.getInstance(idp.getDistributionPoint().getName()).getNames()[0].getName().toString());
        Extension freshest = holder.getExtension(Extension.freshestCRL);
        assertFalse(freshest.isCritical());
        assertEquals("http://localhost:8080/crl/rev-int-g1-delta.crl", GeneralNames.getInstance(
                CRLDistPoint.getInstance(freshest.getParsedValue()).getDistributionPoints()[0].getDistributionPoint().getName())
                .getNames()[0].getName().toString(), "RFC 5280 5.2.6: the full CRL names where its deltas are");

        assertEquals(3, crl.getRevokedCertificates().size());
        assertEquals(CRLReason.KEY_COMPROMISE, crl.getRevokedCertificate(A).getRevocationReason());
        assertEquals(now.minusSeconds(600), crl.getRevokedCertificate(A).getRevocationDate().toInstant());
        assertNull(crl.getRevokedCertificate(B).getRevocationReason(), "unspecified is expressed by omitting the reason");
        assertFalse(crl.getRevokedCertificate(B).hasExtensions());
        assertEquals(CRLReason.CERTIFICATE_HOLD, crl.getRevokedCertificate(C).getRevocationReason());
    }

    @Test
    void rootCrlCoversOnlyCaCertificates() throws Exception {
        X509CRLHolder holder = builder.full(ca.root, BigInteger.ONE, now, later, List.of());
        RevocationTestCa.x509(holder).verify(RevocationTestCa.x509(ca.root.certificate()).getPublicKey());
        IssuingDistributionPoint idp = IssuingDistributionPoint.getInstance(holder.getExtension(Extension.issuingDistributionPoint).getParsedValue());
        assertTrue(idp.onlyContainsCACerts());
        assertFalse(idp.onlyContainsUserCerts());
        assertTrue(holder.getExtension(Extension.issuingDistributionPoint).isCritical());
        assertEquals("SHA256withRSA", RevocationTestCa.x509(holder).getSigAlgName());
    }

    @Test
    void deltaCrlCarriesCriticalIndicatorWithBaseNumberAndMayRemoveFromHold() throws Exception {
        X509CRLHolder holder = builder.delta(ca.intermediate, BigInteger.valueOf(43), BigInteger.valueOf(42), now, later,
                List.of(new RevokedEntry(C, now.minusSeconds(10), RevocationReason.REMOVE_FROM_CRL)));
        X509CRL crl = RevocationTestCa.x509(holder);
        crl.verify(RevocationTestCa.x509(ca.intermediate.certificate()).getPublicKey());
        Extension delta = holder.getExtension(Extension.deltaCRLIndicator);
        assertTrue(delta.isCritical());
        assertEquals(BigInteger.valueOf(42), CRLNumber.getInstance(delta.getParsedValue()).getCRLNumber());
        assertEquals(BigInteger.valueOf(43), CRLNumber.getInstance(holder.getExtension(Extension.cRLNumber).getParsedValue()).getCRLNumber());
        assertEquals(CRLReason.REMOVE_FROM_CRL, crl.getRevokedCertificate(C).getRevocationReason());
        assertNull(holder.getExtension(Extension.freshestCRL), "only full CRLs point to deltas");
        assertArrayEquals(holder.getExtension(Extension.issuingDistributionPoint).getExtnValue().getOctets(),
                builder.full(ca.intermediate, BigInteger.valueOf(44), now, later, List.of())
                        .getExtension(Extension.issuingDistributionPoint).getExtnValue().getOctets(),
                "a delta CRL must have the same scope as its base");
    }

    @Test
    void entriesAreSortedBySerial() throws Exception {
        X509CRLHolder holder = builder.full(ca.intermediate, BigInteger.TWO, now, later, entries());
        List<BigInteger> serials = holder.getRevokedCertificates().stream()
                .map(e -> ((org.bouncycastle.cert.X509CRLEntryHolder) e).getSerialNumber()).toList();
        assertEquals(List.of(B, C, A), serials);
    }

    @Test
    void opensslVerifiesFullAndDeltaCrlsAgainstTheChain() throws Exception {
        Path chain = writeChain();
        X509CRLHolder full = builder.full(ca.intermediate, BigInteger.valueOf(7), now, later, entries());
        X509CRLHolder delta = builder.delta(ca.intermediate, BigInteger.valueOf(8), BigInteger.valueOf(7), now, later, List.of());
        Path fullFile = dir.resolve("full.crl");
        Path deltaFile = dir.resolve("delta.crl");
        Files.write(fullFile, full.getEncoded());
        Files.write(deltaFile, delta.getEncoded());

        Openssl.Result r = Openssl.run(dir, "crl", "-inform", "DER", "-in", fullFile.toString(), "-CAfile", chain.toString(), "-verify", "-noout", "-text");
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.stderr().contains("verify OK"), r.all());
        assertTrue(r.stdout().contains("X509v3 CRL Number"), r.stdout());
        assertTrue(r.stdout().contains("Issuing Distribution Point: critical"), r.stdout());
        assertTrue(r.stdout().contains("Only User Certificates"), r.stdout());
        assertTrue(r.stdout().contains("Key Compromise"), r.stdout());

        Openssl.Result d = Openssl.run(dir, "crl", "-inform", "DER", "-in", deltaFile.toString(), "-CAfile", chain.toString(), "-verify", "-noout", "-text");
        assertEquals(0, d.exitCode(), d.all());
        assertTrue(d.stderr().contains("verify OK"), d.all());
        assertTrue(d.stdout().contains("Delta CRL Indicator: critical"), d.stdout());

        Files.write(fullFile, tamper(full.getEncoded()));
        Openssl.Result bad = Openssl.run(dir, "crl", "-inform", "DER", "-in", fullFile.toString(), "-CAfile", chain.toString(), "-verify", "-noout");
        assertFalse(bad.exitCode() == 0 && bad.stderr().contains("verify OK"), bad.all());
    }

    @Test
    void opensslVerifyWithCrlCheckRejectsRevokedLeafAndAcceptsGoodOne() throws Exception {
        X509CertificateHolder revoked = ca.issueLeaf("revoked.crl.test");
        X509CertificateHolder good = ca.issueLeaf("good.crl.test");
        X509CRLHolder crl = builder.full(ca.intermediate, BigInteger.valueOf(9), now, later,
                List.of(new RevokedEntry(revoked.getSerialNumber(), now.minusSeconds(30), RevocationReason.KEY_COMPROMISE)));
        Path chain = writeChain();
        Path crlPem = dir.resolve("int.crl.pem");
        Files.writeString(crlPem, Pem.encode("X509 CRL", crl.getEncoded()));
        Path revokedPem = dir.resolve("revoked.pem");
        Path goodPem = dir.resolve("good.pem");
        Files.writeString(revokedPem, Pem.certificate(revoked.getEncoded()));
        Files.writeString(goodPem, Pem.certificate(good.getEncoded()));

        Openssl.Result r = Openssl.run(dir, "verify", "-crl_check", "-CAfile", chain.toString(), "-CRLfile", crlPem.toString(), revokedPem.toString());
        assertTrue(r.exitCode() != 0, r.all());
        assertTrue(r.all().contains("certificate revoked"), r.all());

        Openssl.Result g = Openssl.run(dir, "verify", "-crl_check", "-CAfile", chain.toString(), "-CRLfile", crlPem.toString(), goodPem.toString());
        assertEquals(0, g.exitCode(), g.all());
        assertTrue(g.stdout().contains("OK"), g.all());
    }

    @Test
    void javaPkixWithCrlsInACertStoreRejectsRevokedLeafWithReasonAndAcceptsGoodOne() throws Exception {
        X509CertificateHolder revoked = ca.issueLeaf("revoked.pkix.test");
        X509CertificateHolder good = ca.issueLeaf("good.pkix.test");
        X509CRL intermediateCrl = RevocationTestCa.x509(builder.full(ca.intermediate, BigInteger.valueOf(10), now, later,
                List.of(new RevokedEntry(revoked.getSerialNumber(), now.minusSeconds(30), RevocationReason.KEY_COMPROMISE))));
        X509CRL rootCrl = RevocationTestCa.x509(builder.full(ca.root, BigInteger.valueOf(3), now, later, List.of()));

        CertPathValidatorException e = assertThrows(CertPathValidatorException.class,
                () -> validate(revoked, intermediateCrl, rootCrl));
        assertEquals(CertPathValidatorException.BasicReason.REVOKED, e.getReason());
        CertificateRevokedException cause = assertInstanceOf(CertificateRevokedException.class, e.getCause());
        assertEquals(CRLReason.KEY_COMPROMISE, cause.getRevocationReason());
        assertEquals(0, e.getIndex(), "the leaf is the revoked certificate");

        validate(good, intermediateCrl, rootCrl);
    }

    private void validate(X509CertificateHolder leaf, X509CRL... crls) throws Exception {
        X509Certificate root = RevocationTestCa.x509(ca.root.certificate());
        X509Certificate intermediate = RevocationTestCa.x509(ca.intermediate.certificate());
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        params.setRevocationEnabled(true);
        params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(crls))));
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(RevocationTestCa.x509(leaf), intermediate)), params);
    }

    private Path writeChain() throws Exception {
        Path chain = dir.resolve("chain.pem");
        Files.writeString(chain, Pem.certificate(ca.root.certificate().getEncoded()) + Pem.certificate(ca.intermediate.certificate().getEncoded()));
        return chain;
    }

    /** Flips a bit in the signature, which is at the end of the DER. */
    private static byte[] tamper(byte[] der) {
        byte[] copy = der.clone();
        copy[copy.length - 5] ^= 0x01;
        return copy;
    }
}
