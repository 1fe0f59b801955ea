package online.hypermesh.trustchain.core.revocation;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.TBSCertList;
import org.bouncycastle.asn1.x509.Time;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.IssuingAuthority;
import online.hypermesh.trustchain.core.x509.KeyIdentifiers;

/**
 * Checks a to-be-signed CRL against RFC 5280 section 5 before anything signs it. As with
 * certificates, a failure is a TrustChain bug: it reports every problem and nothing is signed.
 */
public final class CrlLinter {
    private static final Set<ASN1ObjectIdentifier> KNOWN_CRITICAL = Set.of(
            Extension.issuingDistributionPoint, Extension.deltaCRLIndicator);

    /** @param baseCrlNumber null when a full CRL is expected, else the base a delta must name */
    public LintedCrl lint(TBSCertList tbs, IssuingAuthority ca, BigInteger baseCrlNumber) {
        List<String> problems = new ArrayList<>();
        if (tbs.getVersionNumber() != 2) {
            problems.add("version must be v2");
        }
        if (!tbs.getSignature().equals(ca.signingAlgorithm().algorithmIdentifier())) {
            problems.add("signature algorithm does not match the CA key");
        }
        if (!tbs.getIssuer().equals(ca.certificate().getSubject())) {
            problems.add("issuer does not match the CA's subject");
        }
        Instant thisUpdate = instant(tbs.getThisUpdate());
        if (tbs.getNextUpdate() == null || !thisUpdate.isBefore(instant(tbs.getNextUpdate()))) {
            problems.add("nextUpdate must be present and after thisUpdate");
        } else {
            timeEncoding(tbs.getNextUpdate(), problems);
        }
        timeEncoding(tbs.getThisUpdate(), problems);
        BigInteger number = extensions(tbs, ca, baseCrlNumber, problems);
        entries(tbs, thisUpdate, baseCrlNumber != null, problems);
        if (number != null && baseCrlNumber != null && number.compareTo(baseCrlNumber) <= 0) {
            problems.add("a delta CRL's number must be greater than its base CRL number");
        }
        if (!problems.isEmpty()) {
            throw new TrustChainException(ErrorKind.LINT_FAILURE, "refusing to sign CRL: " + String.join("; ", problems));
        }
        return new LintedCrl(tbs, ca.keyAlias(), ca.signingAlgorithm());
    }

    /** Returns the CRL number, or null when it is missing or unreadable. */
    private static BigInteger extensions(TBSCertList tbs, IssuingAuthority ca, BigInteger base, List<String> problems) {
        Extensions ext = tbs.getExtensions();
        if (ext == null) {
            problems.add("a CRL must carry extensions (CRL number, AKI, IDP)");
            return null;
        }
        for (ASN1ObjectIdentifier oid : ext.getCriticalExtensionOIDs()) {
            if (!KNOWN_CRITICAL.contains(oid)) {
                problems.add("unexpected critical extension " + oid.getId());
            }
        }
        AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.fromExtensions(ext);
        if (aki == null || !Arrays.equals(aki.getKeyIdentifier(), KeyIdentifiers.of(ca.certificate().getSubjectPublicKeyInfo()))) {
            problems.add("authorityKeyIdentifier does not match the CA key");
        }
        Extension idp = ext.getExtension(Extension.issuingDistributionPoint);
        if (idp == null || !idp.isCritical()) {
            problems.add("issuingDistributionPoint must be present and critical");
        } else if (!Arrays.equals(der(CrlTemplate.issuingDistributionPoint(ca)), idp.getExtnValue().getOctets())) {
            problems.add("issuingDistributionPoint does not match the CA's CRL URL and scope");
        }
        Extension freshest = ext.getExtension(Extension.freshestCRL);
        if (base == null && (freshest == null || freshest.isCritical()
                || !Arrays.equals(der(CrlTemplate.freshestCrl(ca)), freshest.getExtnValue().getOctets()))) {
            problems.add("a full CRL must carry a non-critical Freshest CRL naming the CA's delta CRL URL");
        } else if (base != null && freshest != null) {
            problems.add("a delta CRL must not carry Freshest CRL (RFC 5280 5.2.6)");
        }
        Extension delta = ext.getExtension(Extension.deltaCRLIndicator);
        if (base == null && delta != null) {
            problems.add("a full CRL must not carry deltaCRLIndicator");
        } else if (base != null && (delta == null || !delta.isCritical()
                || !base.equals(ASN1Integer.getInstance(delta.getParsedValue()).getValue()))) {
            problems.add("a delta CRL must carry a critical deltaCRLIndicator naming base CRL " + base);
        }
        Extension numberExt = ext.getExtension(Extension.cRLNumber);
        if (numberExt == null || numberExt.isCritical()) {
            problems.add("CRL number must be present and non-critical");
            return null;
        }
        BigInteger number = ASN1Integer.getInstance(numberExt.getParsedValue()).getValue();
        // RFC 5280 5.2.3: a non-negative integer of at most 20 octets.
        if (number.signum() < 0 || number.toByteArray().length > 20) {
            problems.add("CRL number must be non-negative and at most 20 octets");
        }
        return number;
    }

    /** Compared as DER: parsed and freshly built tagged objects differ in form but not in encoding. */
    private static byte[] der(org.bouncycastle.asn1.ASN1Object value) {
        try {
            return value.getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER);
        } catch (java.io.IOException e) {
            throw TrustChainException.internal("cannot encode the expected issuing distribution point", e);
        }
    }

    private static void entries(TBSCertList tbs, Instant thisUpdate, boolean delta, List<String> problems) {
        Set<BigInteger> seen = new HashSet<>();
        for (TBSCertList.CRLEntry entry : tbs.getRevokedCertificates()) {
            BigInteger serial = entry.getUserCertificate().getValue();
            if (serial.signum() <= 0 || !seen.add(serial)) {
                problems.add("entry serial " + serial.toString(16) + " is not positive or is listed twice");
            }
            if (instant(entry.getRevocationDate()).isAfter(thisUpdate)) {
                problems.add("entry " + serial.toString(16) + " is revoked after thisUpdate");
            }
            Extensions ext = entry.getExtensions();
            if (ext == null) {
                continue;
            }
            for (ASN1ObjectIdentifier oid : ext.getExtensionOIDs()) {
                if (!Extension.reasonCode.equals(oid) || ext.getExtension(oid).isCritical()) {
                    problems.add("entry " + serial.toString(16) + " carries an unexpected extension " + oid.getId());
                }
            }
            Extension reason = ext.getExtension(Extension.reasonCode);
            if (reason != null) {
                reason(serial, ASN1Enumerated.getInstance(reason.getParsedValue()).intValueExact(), delta, problems);
            }
        }
    }

    private static void reason(BigInteger serial, int code, boolean delta, List<String> problems) {
        RevocationReason r = RevocationReason.fromCode(code).orElse(null);
        if (r == null) {
            problems.add("entry " + serial.toString(16) + " has unassigned reason code " + code);
        } else if (r == RevocationReason.UNSPECIFIED) {
            problems.add("entry " + serial.toString(16) + ": omit the reason code rather than say unspecified");
        } else if (r == RevocationReason.REMOVE_FROM_CRL && !delta) {
            problems.add("removeFromCRL may only appear in a delta CRL");
        }
    }

    /** RFC 5280 5.1.2.4: UTCTime through 2049, GeneralizedTime from 2050. */
    private static void timeEncoding(Time time, List<String> problems) {
        boolean utc = time.toASN1Primitive() instanceof ASN1UTCTime;
        int year = instant(time).atZone(java.time.ZoneOffset.UTC).getYear();
        if (utc != (year < 2050)) {
            problems.add("time " + time.getTime() + " must be encoded as " + (year < 2050 ? "UTCTime" : "GeneralizedTime"));
        }
    }

    private static Instant instant(Time time) {
        return time.getDate().toInstant();
    }
}
