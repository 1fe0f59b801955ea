package online.hypermesh.trustchain.core.revocation;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.TBSCertificate;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.IssuingAuthority;
import online.hypermesh.trustchain.core.x509.KeyIdentifiers;

/**
 * Pre-signing checks for a delegated OCSP responder certificate (RFC 6960 4.2.2.2, BR 7.1.2.8).
 * Because the certificate carries ocsp-nocheck, nobody can revoke it in practice, so the
 * validity cap here is the only containment of a leaked responder key.
 */
public final class ResponderCertificateLinter {
    /** Longest responder validity: long enough to survive a weekend outage, short enough to contain a key leak. */
    public static final Duration MAX_VALIDITY = Duration.ofDays(14);
    private static final Set<ASN1ObjectIdentifier> KNOWN_CRITICAL = Set.of(Extension.basicConstraints, Extension.keyUsage);

    public LintedResponderCertificate lint(TBSCertificate tbs, IssuingAuthority ca) {
        List<String> problems = new ArrayList<>();
        if (tbs.getVersionNumber() != 3) {
            problems.add("version must be v3");
        }
        BigInteger serial = tbs.getSerialNumber().getValue();
        if (serial.signum() <= 0 || serial.bitLength() < 64 || serial.toByteArray().length > 20) {
            problems.add("serial must be positive, at least 64 random bits and at most 20 octets");
        }
        if (!tbs.getSignature().equals(ca.signingAlgorithm().algorithmIdentifier())) {
            problems.add("signature algorithm does not match the CA key");
        }
        if (!tbs.getIssuer().equals(ca.certificate().getSubject())) {
            problems.add("issuer must be the CA whose certificates the responder answers for");
        }
        validity(tbs, ca, problems);
        Extensions ext = tbs.getExtensions();
        if (ext == null) {
            problems.add("a responder certificate must carry extensions");
        } else {
            extensions(tbs, ext, ca, problems);
        }
        if (!problems.isEmpty()) {
            throw new TrustChainException(ErrorKind.LINT_FAILURE, "refusing to sign OCSP responder certificate: " + String.join("; ", problems));
        }
        return new LintedResponderCertificate(tbs, ca.keyAlias(), ca.signingAlgorithm());
    }

    private static void validity(TBSCertificate tbs, IssuingAuthority ca, List<String> problems) {
        Instant notBefore = tbs.getStartDate().getDate().toInstant();
        Instant notAfter = tbs.getEndDate().getDate().toInstant();
        if (!notBefore.isBefore(notAfter)) {
            problems.add("notBefore must be before notAfter");
        }
        if (Duration.between(notBefore, notAfter).plusSeconds(1).compareTo(MAX_VALIDITY) > 0) {
            problems.add("validity must not exceed " + MAX_VALIDITY);
        }
        if (notAfter.isAfter(ca.certificate().getNotAfter().toInstant())
                || notBefore.isBefore(ca.certificate().getNotBefore().toInstant())) {
            problems.add("validity must lie within the CA's validity");
        }
    }

    private static void extensions(TBSCertificate tbs, Extensions ext, IssuingAuthority ca, List<String> problems) {
        for (ASN1ObjectIdentifier oid : ext.getCriticalExtensionOIDs()) {
            if (!KNOWN_CRITICAL.contains(oid)) {
                problems.add("unexpected critical extension " + oid.getId());
            }
        }
        BasicConstraints bc = BasicConstraints.fromExtensions(ext);
        if (bc == null || bc.isCA() || !ext.getExtension(Extension.basicConstraints).isCritical()) {
            problems.add("basicConstraints must be critical with cA=false");
        }
        KeyUsage ku = KeyUsage.fromExtensions(ext);
        if (ku == null || !ext.getExtension(Extension.keyUsage).isCritical()
                || !ku.hasUsages(KeyUsage.digitalSignature) || ku.hasUsages(KeyUsage.keyCertSign) || ku.hasUsages(KeyUsage.cRLSign)) {
            problems.add("keyUsage must be critical, include digitalSignature and exclude keyCertSign and cRLSign");
        }
        ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(ext);
        if (eku == null || eku.getUsages().length != 1 || !eku.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning)) {
            problems.add("extendedKeyUsage must be exactly id-kp-OCSPSigning");
        }
        if (ext.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck) == null) {
            problems.add("id-pkix-ocsp-nocheck is missing");
        }
        SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(ext);
        if (ski == null || !Arrays.equals(ski.getKeyIdentifier(), KeyIdentifiers.of(tbs.getSubjectPublicKeyInfo()))) {
            problems.add("subjectKeyIdentifier does not match the responder key");
        }
        AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.fromExtensions(ext);
        if (aki == null || !Arrays.equals(aki.getKeyIdentifier(), KeyIdentifiers.of(ca.certificate().getSubjectPublicKeyInfo()))) {
            problems.add("authorityKeyIdentifier does not match the CA key");
        }
    }
}
