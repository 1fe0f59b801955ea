package online.hypermesh.trustchain.core.x509;

import java.io.IOException;
import java.math.BigInteger;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;

import online.hypermesh.trustchain.core.crypto.SigningAlgorithm;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * To-be-signed forms of CA certificates (CA/Browser Forum BR 7.1.2.1 root and 7.1.2.2/7.1.2.10
 * subordinate CA profiles).
 */
public final class CaCertificateTemplate {
    /** RFC 5280 anyPolicy: the intermediates are operated by the same organisation as the root. */
    private static final String ANY_POLICY = "2.5.29.32.0";

    private CaCertificateTemplate() {
    }

    /** A self-signed root: no path length limit, keyCertSign and cRLSign only, no EKU. */
    public static TBSCertificate root(X500Name subject, SubjectPublicKeyInfo key, SigningAlgorithm algorithm,
                                      BigInteger serial, Validity validity) {
        V3TBSCertificateGenerator tbs = base(serial, algorithm, subject, subject, key, validity);
        try {
            ExtensionsGenerator ext = new ExtensionsGenerator();
            ext.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            ext.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            ext.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(KeyIdentifiers.of(key)));
            tbs.setExtensions(ext.generate());
        } catch (IOException e) {
            throw TrustChainException.internal("cannot encode root extensions", e);
        }
        return tbs.generateTBSCertificate();
    }

    /**
     * An issuing intermediate signed by {@code parent}: path length 0 (it issues only leaves),
     * restricted by EKU to TLS server and client authentication, with the parent's CRL and certificate URLs.
     */
    public static TBSCertificate intermediate(IssuingAuthority parent, X500Name subject, SubjectPublicKeyInfo key,
                                              BigInteger serial, Validity validity) {
        return intermediate(parent, subject, key, serial, validity, PermittedSubtrees.none());
    }

    /** The same, restricted to {@code permitted} by a critical name constraints extension unless that is empty. */
    public static TBSCertificate intermediate(IssuingAuthority parent, X500Name subject, SubjectPublicKeyInfo key,
                                              BigInteger serial, Validity validity, PermittedSubtrees permitted) {
        V3TBSCertificateGenerator tbs = base(serial, parent.signingAlgorithm(), parent.certificate().getSubject(), subject, key, validity);
        try {
            ExtensionsGenerator ext = new ExtensionsGenerator();
            ext.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            ext.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            ext.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            ext.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(KeyIdentifiers.of(key)));
            ext.addExtension(Extension.authorityKeyIdentifier, false,
                    new AuthorityKeyIdentifier(KeyIdentifiers.of(parent.certificate().getSubjectPublicKeyInfo())));
            ext.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                    new AccessDescription(AccessDescription.id_ad_caIssuers, LeafCertificateTemplate.uri(parent.urls().caIssuers()))));
            ext.addExtension(Extension.cRLDistributionPoints, false, LeafCertificateTemplate.crlDistributionPoints(parent.urls().crl()));
            ext.addExtension(Extension.certificatePolicies, false,
                    new CertificatePolicies(new PolicyInformation(new org.bouncycastle.asn1.ASN1ObjectIdentifier(ANY_POLICY))));
            if (!permitted.isEmpty()) {
                ext.addExtension(Extension.nameConstraints, true, permitted.extension());
            }
            tbs.setExtensions(ext.generate());
        } catch (IOException e) {
            throw TrustChainException.internal("cannot encode intermediate extensions", e);
        }
        return tbs.generateTBSCertificate();
    }

    private static V3TBSCertificateGenerator base(BigInteger serial, SigningAlgorithm algorithm, X500Name issuer,
                                                  X500Name subject, SubjectPublicKeyInfo key, Validity validity) {
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(serial));
        tbs.setSignature(algorithm.algorithmIdentifier());
        tbs.setIssuer(issuer);
        tbs.setSubject(subject);
        tbs.setSubjectPublicKeyInfo(key);
        tbs.setStartDate(validity.notBeforeTime());
        tbs.setEndDate(validity.notAfterTime());
        return tbs;
    }
}
