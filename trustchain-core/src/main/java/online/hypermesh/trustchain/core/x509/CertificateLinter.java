package online.hypermesh.trustchain.core.x509;

import java.math.BigInteger;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Checks a to-be-signed certificate against RFC 5280 and the CA/Browser Forum baseline profile
 * before anything signs it. A failure here is a bug in TrustChain (the templates should never
 * produce such a certificate), so it fails loudly with every problem found, and nothing is signed.
 *
 * <p>It also checks that the key that will sign is the issuer's: the public key the crypto token
 * holds under the signing alias must be the one in the issuer certificate (for a root, in the
 * certificate itself), so a mix-up of aliases can never produce a certificate that names one CA
 * and is signed by another key.
 */
public final class CertificateLinter {
    private static final Set<ASN1ObjectIdentifier> KNOWN_CRITICAL = Set.of(
            Extension.basicConstraints, Extension.keyUsage, Extension.subjectAlternativeName);
    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    private final Function<String, PublicKey> signingKeys;

    /** @param signingKeys the crypto token's public key of an alias (for example {@code token::publicKey}) */
    public CertificateLinter(Function<String, PublicKey> signingKeys) {
        this.signingKeys = signingKeys;
    }

    public LintedCertificate lintLeaf(TBSCertificate tbs, IssuingAuthority issuer, CertificateProfile profile) {
        List<String> problems = new ArrayList<>();
        common(tbs, issuer.certificate(), issuer.keyType(), Set.of(), problems);
        leaf(tbs, profile, problems);
        signingKey(issuer.keyAlias(), issuer.certificate().getSubjectPublicKeyInfo(), problems);
        return result(tbs, issuer.keyAlias(), issuer.keyType(), problems);
    }

    /**
     * A precertificate is linted as the leaf it announces (RFC 6962 3.1: it must be the final
     * certificate but for the poison), plus the poison itself: critical, exactly ASN.1 NULL.
     */
    public LintedCertificate lintPrecertificate(TBSCertificate tbs, IssuingAuthority issuer, CertificateProfile profile) {
        List<String> problems = new ArrayList<>();
        common(tbs, issuer.certificate(), issuer.keyType(), Set.of(CtCertificateExtensions.POISON), problems);
        leaf(tbs, profile, problems);
        Extension poison = tbs.getExtensions() == null ? null : tbs.getExtensions().getExtension(CtCertificateExtensions.POISON);
        if (poison == null || !poison.isCritical() || !(poison.getParsedValue() instanceof ASN1Null)) {
            problems.add("a precertificate must carry the critical poison extension with an ASN.1 NULL value");
        }
        if (tbs.getExtensions() != null && tbs.getExtensions().getExtension(CtCertificateExtensions.SCT_LIST) != null) {
            problems.add("a precertificate must not carry SCTs");
        }
        signingKey(issuer.keyAlias(), issuer.certificate().getSubjectPublicKeyInfo(), problems);
        return result(tbs, issuer.keyAlias(), issuer.keyType(), problems);
    }

    private static void leaf(TBSCertificate tbs, CertificateProfile profile, List<String> problems) {
        Extensions ext = tbs.getExtensions();
        BasicConstraints bc = BasicConstraints.fromExtensions(ext);
        if (bc == null || bc.isCA()) {
            problems.add("a leaf must carry basicConstraints with cA=false");
        }
        boolean rsa = isRsa(tbs, problems);
        KeyUsage ku = KeyUsage.fromExtensions(ext);
        if (ku == null || !ku.hasUsages(KeyUsage.digitalSignature) || ku.hasUsages(KeyUsage.keyCertSign) || ku.hasUsages(KeyUsage.cRLSign)) {
            problems.add("a leaf's keyUsage must include digitalSignature and exclude keyCertSign and cRLSign");
        } else if (!rsa && ku.hasUsages(KeyUsage.keyEncipherment)) {
            problems.add("keyEncipherment is not allowed for an EC key");
        }
        ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(ext);
        if (eku == null || eku.hasKeyPurposeId(KeyPurposeId.anyExtendedKeyUsage)
                || !Arrays.asList(eku.getUsages()).containsAll(profile.extendedKeyUsages())) {
            problems.add("extendedKeyUsage must list exactly the profile's purposes and never anyExtendedKeyUsage");
        }
        names(tbs, profile, problems);
        Duration length = Duration.between(instant(tbs.getStartDate()), instant(tbs.getEndDate())).plusSeconds(1);
        if (length.compareTo(profile.maxValidity()) > 0) {
            problems.add("validity of " + length + " exceeds the profile maximum " + profile.maxValidity());
        }
        AuthorityInformationAccess aia = AuthorityInformationAccess.fromExtensions(ext);
        if (aia == null || aia.getAccessDescriptions().length < 2) {
            problems.add("a leaf must carry AIA with OCSP and caIssuers");
        }
        if (ext.getExtension(Extension.cRLDistributionPoints) == null) {
            problems.add("a leaf must carry CRL distribution points");
        }
        if (ext.getExtension(Extension.certificatePolicies) == null) {
            problems.add("a leaf must carry certificatePolicies");
        }
        Extension scts = ext.getExtension(CtCertificateExtensions.SCT_LIST);
        if (scts != null && scts.isCritical()) {
            problems.add("the SCT list extension must not be critical");
        }
        issuerCountry(tbs, problems);
        cabfTlsPolicy(tbs, problems);
    }

    public LintedCertificate lintIntermediate(TBSCertificate tbs, IssuingAuthority parent) {
        List<String> problems = new ArrayList<>();
        // Name constraints are critical where present (RFC 5280 4.2.1.10), and only a CA carries them.
        common(tbs, parent.certificate(), parent.keyType(), Set.of(Extension.nameConstraints), problems);
        caChecks(tbs, problems);
        if (tbs.getExtensions().getExtension(Extension.cRLDistributionPoints) == null) {
            problems.add("a subordinate CA must carry CRL distribution points");
        }
        signingKey(parent.keyAlias(), parent.certificate().getSubjectPublicKeyInfo(), problems);
        return result(tbs, parent.keyAlias(), parent.keyType(), problems);
    }

    /**
     * A cross certificate our root issues for another PKI's root: a subordinate CA certificate as
     * {@link #lintIntermediate} checks it, except for two rules that would rename the other CA.
     * Its subject is the other root's byte for byte, so the countryName rule (BR 7.1.2.10.2) is not
     * ours to enforce; and its SKI is the other root's own value (which its intermediates' AKIs
     * carry), so it must equal {@code subjectKeyIdentifier} rather than our method-1 hash.
     */
    public LintedCertificate lintCrossCertificate(TBSCertificate tbs, IssuingAuthority issuer, byte[] subjectKeyIdentifier) {
        List<String> problems = new ArrayList<>();
        common(tbs, issuer.certificate(), issuer.keyType(), Set.of(Extension.nameConstraints), problems, subjectKeyIdentifier);
        caChecksWithoutCountry(tbs, problems);
        if (tbs.getExtensions() != null && tbs.getExtensions().getExtension(Extension.cRLDistributionPoints) == null) {
            problems.add("a cross certificate must carry CRL distribution points");
        }
        if (tbs.getSubject().equals(issuer.certificate().getSubject())) {
            problems.add("a cross certificate's subject must be the other CA's, not the issuer's own");
        }
        signingKey(issuer.keyAlias(), issuer.certificate().getSubjectPublicKeyInfo(), problems);
        return result(tbs, issuer.keyAlias(), issuer.keyType(), problems);
    }

    public LintedCertificate lintRoot(TBSCertificate tbs, String keyAlias, KeyType keyType) {
        List<String> problems = new ArrayList<>();
        common(tbs, null, keyType, Set.of(), problems);
        caChecks(tbs, problems);
        if (!tbs.getIssuer().equals(tbs.getSubject())) {
            problems.add("a root's issuer must equal its subject");
        }
        signingKey(keyAlias, tbs.getSubjectPublicKeyInfo(), problems);
        return result(tbs, keyAlias, keyType, problems);
    }

    private static void common(TBSCertificate tbs, X509CertificateHolder issuer, KeyType issuerKey, Set<ASN1ObjectIdentifier> alsoCritical,
                               List<String> problems) {
        common(tbs, issuer, issuerKey, alsoCritical, problems, null);
    }

    /** @param expectedSki the SKI the certificate must carry; null: RFC 5280 method 1 over the subject key */
    private static void common(TBSCertificate tbs, X509CertificateHolder issuer, KeyType issuerKey, Set<ASN1ObjectIdentifier> alsoCritical,
                               List<String> problems, byte[] expectedSki) {
        if (tbs.getVersionNumber() != 3) {
            problems.add("version must be v3");
        }
        BigInteger serial = tbs.getSerialNumber().getValue();
        if (serial.signum() <= 0 || serial.bitLength() < 64 || serial.toByteArray().length > 20) {
            problems.add("serial must be positive, at least 64 random bits and at most 20 octets");
        }
        if (!tbs.getSignature().equals(issuerKey.signingAlgorithm().algorithmIdentifier())) {
            problems.add("signature algorithm does not match the issuer key");
        }
        Instant notBefore = instant(tbs.getStartDate());
        Instant notAfter = instant(tbs.getEndDate());
        if (!notBefore.isBefore(notAfter)) {
            problems.add("notBefore must be before notAfter");
        }
        timeEncoding(tbs.getStartDate(), problems);
        timeEncoding(tbs.getEndDate(), problems);
        Extensions ext = tbs.getExtensions();
        if (ext == null) {
            problems.add("a v3 certificate must carry extensions");
            return;
        }
        for (ASN1ObjectIdentifier oid : ext.getCriticalExtensionOIDs()) {
            if (!KNOWN_CRITICAL.contains(oid) && !alsoCritical.contains(oid)) {
                problems.add("unexpected critical extension " + oid.getId());
            }
        }
        if (ext.getExtension(Extension.subjectKeyIdentifier) == null) {
            problems.add("subjectKeyIdentifier is missing");
        } else if (!Arrays.equals(SubjectKeyIdentifier.fromExtensions(ext).getKeyIdentifier(),
                expectedSki != null ? expectedSki : KeyIdentifiers.of(tbs.getSubjectPublicKeyInfo()))) {
            problems.add("subjectKeyIdentifier does not match the subject key");
        }
        if (issuer != null) {
            if (!tbs.getIssuer().equals(issuer.getSubject())) {
                problems.add("issuer name does not match the issuing CA's subject");
            }
            AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.fromExtensions(ext);
            if (aki == null || !Arrays.equals(aki.getKeyIdentifier(), KeyIdentifiers.of(issuer.getSubjectPublicKeyInfo()))) {
                problems.add("authorityKeyIdentifier does not match the issuing CA's key");
            }
            if (notAfter.isAfter(issuer.getNotAfter().toInstant())) {
                problems.add("notAfter is later than the issuing CA's notAfter");
            }
            if (notBefore.isBefore(issuer.getNotBefore().toInstant())) {
                problems.add("notBefore is earlier than the issuing CA's notBefore");
            }
        }
        if (ext.getExtension(Extension.keyUsage) == null || !ext.getExtension(Extension.keyUsage).isCritical()) {
            problems.add("keyUsage must be present and critical");
        }
        if (ext.getExtension(Extension.basicConstraints) == null) {
            problems.add("basicConstraints is missing");
        }
    }

    /** Whether the subject key is RSA; records a problem if it is not a key type the CA certifies. */
    private static boolean isRsa(TBSCertificate tbs, List<String> problems) {
        try {
            return PublicKeyKind.of(tbs.getSubjectPublicKeyInfo()).isRsa();
        } catch (TrustChainException e) {
            problems.add("subject key: " + e.getMessage());
            return false;
        }
    }

    private static void caChecks(TBSCertificate tbs, List<String> problems) {
        if (tbs.getExtensions() == null) {
            return;
        }
        caChecksWithoutCountry(tbs, problems);
        caSubjectCountry(tbs, problems);
    }

    private static void caChecksWithoutCountry(TBSCertificate tbs, List<String> problems) {
        Extensions ext = tbs.getExtensions();
        if (ext == null) {
            return;
        }
        BasicConstraints bc = BasicConstraints.fromExtensions(ext);
        if (bc == null || !bc.isCA() || !ext.getExtension(Extension.basicConstraints).isCritical()) {
            problems.add("a CA certificate must carry critical basicConstraints with cA=true");
        }
        KeyUsage ku = KeyUsage.fromExtensions(ext);
        if (ku == null || !ku.hasUsages(KeyUsage.keyCertSign | KeyUsage.cRLSign)) {
            problems.add("a CA certificate's keyUsage must include keyCertSign and cRLSign");
        }
        if (tbs.getSubject().getRDNs().length == 0) {
            problems.add("a CA certificate must have a non-empty subject");
        }
        ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(ext);
        if (eku != null && eku.hasKeyPurposeId(KeyPurposeId.anyExtendedKeyUsage)) {
            problems.add("a CA certificate must not carry anyExtendedKeyUsage");
        }
    }

    // CA/Browser Forum Baseline Requirements rules that strict relying parties and linters
    // (zlint, pkilint) check beyond RFC 5280: CA naming and the TLS policy OIDs.

    /** BR 7.1.2.10.2: a CA certificate's subject carries countryName. */
    private static void caSubjectCountry(TBSCertificate tbs, List<String> problems) {
        String problem = countryProblem(tbs.getSubject());
        if (problem != null) {
            problems.add("a CA certificate's subject " + problem + " (BR 7.1.2.10.2)");
        }
    }

    /**
     * A leaf's issuer name is its CA's subject, which carries countryName (BR 7.1.2.10.2); a CA
     * named before TrustChain followed that rule cannot issue until it is rolled over.
     */
    private static void issuerCountry(TBSCertificate tbs, List<String> problems) {
        String problem = countryProblem(tbs.getIssuer());
        if (problem != null) {
            problems.add("the issuer name " + problem + " (BR 7.1.2.10.2); roll the issuing CA over to one named with a country");
        }
    }

    /** Null when {@code name} has exactly one countryName, an ISO 3166-1 alpha-2 code as PrintableString (RFC 5280 A.1). */
    static String countryProblem(X500Name name) {
        RDN[] countries = name.getRDNs(BCStyle.C);
        if (countries.length == 0) {
            return "has no countryName";
        }
        if (countries.length > 1 || countries[0].isMultiValued()) {
            return "has more than one countryName";
        }
        ASN1Encodable value = countries[0].getFirst().getValue();
        if (!(value instanceof DERPrintableString code) || !ISO_COUNTRIES.contains(code.getString())) {
            return "has countryName '" + IETFUtils.valueToString(value) + "', which is not an ISO 3166-1 alpha-2 code as a PrintableString";
        }
        return null;
    }

    /**
     * BR 7.1.2.7.9 and 7.1.2.7.12: the CA/Browser Forum TLS policies (2.23.140.1.2.*) are for TLS
     * server certificates (serverAuth) only, and such a certificate names only DNS names and IP
     * addresses, whatever its profile.
     */
    private static void cabfTlsPolicy(TBSCertificate tbs, List<String> problems) {
        Extensions ext = tbs.getExtensions();
        CertificatePolicies policies = CertificatePolicies.fromExtensions(ext);
        List<String> cabf = policies == null ? List.of() : Arrays.stream(policies.getPolicyInformation())
                .map(p -> p.getPolicyIdentifier().getId()).filter(LeafPolicies::isCabfTls).toList();
        if (cabf.isEmpty()) {
            return;
        }
        ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(ext);
        if (eku == null || !eku.hasKeyPurposeId(KeyPurposeId.id_kp_serverAuth)) {
            problems.add("certificate policy " + String.join(", ", cabf)
                    + " is a CA/Browser Forum TLS policy, which only a TLS server certificate (serverAuth) may assert");
            return;
        }
        GeneralNames sans = GeneralNames.fromExtensions(ext, Extension.subjectAlternativeName);
        if (sans != null && Arrays.stream(sans.getNames()).anyMatch(n -> n.getTagNo() == GeneralName.uniformResourceIdentifier)) {
            problems.add("a TLS server certificate under CA/Browser Forum policy " + String.join(", ", cabf)
                    + " carries only DNS names and IP addresses, not URIs (BR 7.1.2.7.12)");
        }
    }

    private static void names(TBSCertificate tbs, CertificateProfile profile, List<String> problems) {
        Extension sanExt = tbs.getExtensions().getExtension(Extension.subjectAlternativeName);
        if (sanExt == null) {
            problems.add("a leaf must carry a subjectAltName");
            return;
        }
        boolean emptySubject = tbs.getSubject().getRDNs().length == 0;
        if (emptySubject && !sanExt.isCritical()) {
            problems.add("subjectAltName must be critical when the subject is empty");
        }
        List<String> values = new ArrayList<>();
        for (GeneralName name : GeneralNames.getInstance(sanExt.getParsedValue()).getNames()) {
            switch (name.getTagNo()) {
                case GeneralName.dNSName -> {
                    String dns = name.getName().toString();
                    try {
                        DnsNames.requireValid(dns);
                    } catch (TrustChainException e) {
                        problems.add(e.getMessage());
                    }
                    values.add(dns);
                }
                case GeneralName.iPAddress -> values.add(ipText(name));
                case GeneralName.uniformResourceIdentifier -> {
                    if (!profile.allowsUris()) {
                        problems.add("URI names are not allowed in profile " + profile.apiName());
                    }
                    values.add(name.getName().toString());
                }
                default -> problems.add("unsupported subjectAltName type " + name.getTagNo());
            }
        }
        if (values.isEmpty()) {
            problems.add("subjectAltName is empty");
        }
        if (!emptySubject) {
            var cns = tbs.getSubject().getRDNs(BCStyle.CN);
            if (cns.length != 1 || !values.contains(IETFUtils.valueToString(cns[0].getFirst().getValue()))) {
                problems.add("the subject CN must be exactly one of the subjectAltName values");
            }
        }
    }

    private static String ipText(GeneralName name) {
        try {
            byte[] octets = org.bouncycastle.asn1.ASN1OctetString.getInstance(name.getName()).getOctets();
            return java.net.InetAddress.getByAddress(octets).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return "invalid-ip";
        }
    }

    /** RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
    private static void timeEncoding(Time time, List<String> problems) {
        boolean utc = time.toASN1Primitive() instanceof org.bouncycastle.asn1.ASN1UTCTime;
        int year = instant(time).atZone(java.time.ZoneOffset.UTC).getYear();
        if (utc != (year < 2050)) {
            problems.add("time " + time.getTime() + " must be encoded as " + (year < 2050 ? "UTCTime" : "GeneralizedTime"));
        }
    }

    private static Instant instant(Time time) {
        return time.getDate().toInstant();
    }

    /** The token's key under {@code alias} must be {@code issuerKey}, or the signature would not verify under the issuer. */
    private void signingKey(String alias, SubjectPublicKeyInfo issuerKey, List<String> problems) {
        PublicKey key;
        try {
            key = signingKeys.apply(alias);
        } catch (TrustChainException e) {
            problems.add("the signing key " + alias + " is not in the crypto token: " + e.getMessage());
            return;
        }
        try {
            if (key == null || !Arrays.equals(key.getEncoded(), issuerKey.getEncoded())) {
                problems.add("the signing key " + alias + " is not the key of the issuer certificate");
            }
        } catch (java.io.IOException e) {
            problems.add("the issuer's public key does not encode: " + e.getMessage());
        }
    }

    private static LintedCertificate result(TBSCertificate tbs, String keyAlias, KeyType keyType, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new TrustChainException(ErrorKind.LINT_FAILURE, "refusing to sign: " + String.join("; ", problems));
        }
        return new LintedCertificate(tbs, keyAlias, keyType.signingAlgorithm());
    }
}
