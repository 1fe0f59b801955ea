package online.hypermesh.trustchain.core.x509;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;

import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Builds the to-be-signed form of an end-entity certificate (RFC 5280, CA/Browser Forum BR
 * 7.1.2.7 "Subscriber Certificate profile"). The result still has to pass
 * {@link CertificateLinter} before {@link CertificateSigner} will sign it.
 */
public final class LeafCertificateTemplate {
    private final LeafPolicies policies;

    public LeafCertificateTemplate(LeafPolicies policies) {
        this.policies = Objects.requireNonNull(policies, "policies");
    }

    public TBSCertificate build(IssuingAuthority issuer, SubjectPublicKeyInfo subjectKey, PublicKeyKind keyKind,
                                SubjectNames names, CertificateProfile profile, BigInteger serial, Validity validity) {
        return build(issuer, subjectKey, keyKind, names, profile, serial, validity, null);
    }

    /**
     * As above, with {@code ctExtension} (the precertificate poison or the SCT list from
     * {@link CtCertificateExtensions}, or null) appended last: every other byte depends only on
     * the other arguments, so a precertificate and its final certificate differ in that one
     * extension alone, as RFC 6962 3.2 requires.
     */
    public TBSCertificate build(IssuingAuthority issuer, SubjectPublicKeyInfo subjectKey, PublicKeyKind keyKind,
                                SubjectNames names, CertificateProfile profile, BigInteger serial, Validity validity,
                                Extension ctExtension) {
        X500Name subject = subject(names);
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(serial));
        tbs.setSignature(issuer.signingAlgorithm().algorithmIdentifier());
        tbs.setIssuer(issuer.certificate().getSubject());
        tbs.setStartDate(validity.notBeforeTime());
        tbs.setEndDate(validity.notAfterTime());
        tbs.setSubject(subject);
        tbs.setSubjectPublicKeyInfo(subjectKey);
        try {
            ExtensionsGenerator ext = new ExtensionsGenerator();
            ext.addExtension(Extension.authorityKeyIdentifier, false,
                    new AuthorityKeyIdentifier(KeyIdentifiers.of(issuer.certificate().getSubjectPublicKeyInfo())));
            ext.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(KeyIdentifiers.of(subjectKey)));
            ext.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage(keyKind, profile)));
            ext.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(profile.extendedKeyUsages().toArray(new KeyPurposeId[0])));
            ext.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            // RFC 5280 4.2.1.6: with an empty subject the SAN must be critical.
            ext.addExtension(Extension.subjectAlternativeName, names.commonName() == null, generalNames(names));
            ext.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(new AccessDescription[] {
                    new AccessDescription(AccessDescription.id_ad_ocsp, uri(issuer.urls().ocsp())),
                    new AccessDescription(AccessDescription.id_ad_caIssuers, uri(issuer.urls().caIssuers()))}));
            ext.addExtension(Extension.cRLDistributionPoints, false, crlDistributionPoints(issuer.urls().crl()));
            ext.addExtension(Extension.certificatePolicies, false,
                    new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier(policies.of(profile)))));
            if (ctExtension != null) {
                ext.addExtension(ctExtension);
            }
            tbs.setExtensions(ext.generate());
        } catch (IOException e) {
            throw TrustChainException.internal("cannot encode certificate extensions", e);
        }
        return tbs.generateTBSCertificate();
    }

    /** BR 7.1.2.7.11: digitalSignature always; keyEncipherment only for RSA keys used by TLS servers. */
    static int keyUsage(PublicKeyKind kind, CertificateProfile profile) {
        int usage = KeyUsage.digitalSignature;
        if (kind.isRsa() && profile.isTlsServer()) {
            usage |= KeyUsage.keyEncipherment;
        }
        return usage;
    }

    private static X500Name subject(SubjectNames names) {
        if (names.commonName() == null) {
            return new X500Name(new org.bouncycastle.asn1.x500.RDN[0]);
        }
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, names.commonName()).build();
    }

    static GeneralNames generalNames(SubjectNames names) {
        List<GeneralName> list = new ArrayList<>();
        for (String dns : names.dnsNames()) {
            list.add(new GeneralName(GeneralName.dNSName, dns));
        }
        for (InetAddress ip : names.ipAddresses()) {
            list.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(ip.getAddress())));
        }
        for (URI uri : names.uris()) {
            list.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri.toString()));
        }
        return new GeneralNames(list.toArray(new GeneralName[0]));
    }

    static GeneralName uri(String uri) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, uri);
    }

    static CRLDistPoint crlDistributionPoints(String url) {
        DistributionPointName name = new DistributionPointName(new GeneralNames(uri(url)));
        return new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(name, null, null)});
    }
}
