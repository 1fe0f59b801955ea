package online.hypermesh.trustchain.bridge.trust;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.KeyIdentifiers;

/**
 * The to-be-signed cross certificate that TrustChain's root issues for an enterprise root, so
 * that a relying party trusting only TrustChain's root builds paths into the enterprise PKI
 * (RFC 5280 3.3, RFC 4158): subject and public key exactly the enterprise root's (its subject
 * byte for byte, so the enterprise intermediates' issuer names match), critical basicConstraints
 * cA with the given path length, critical keyUsage keyCertSign and cRLSign, SKI the enterprise
 * root's own (so its intermediates' AKIs match), AKI our root's SKI, our root's CRL distribution
 * point and caIssuers URL, anyPolicy (policy mapping between the two PKIs is not modelled), and
 * optionally critical permitted subtrees (RFC 5280 4.2.1.10). Validity: from now (backdated for
 * clock skew) but never before either root's notBefore, to the earlier of both roots' notAfter.
 *
 * @param issuer        TrustChain's root
 * @param signature     the root key's signature algorithm
 * @param serial        a fresh serial the caller reserved
 * @param subjectRoot   the enterprise root (an imported, validated trust anchor)
 * @param pathLength    how many intermediates may follow the enterprise root (0 or more)
 * @param permitted     name constraints, or null for none
 * @param crlUrl        our root's CRL distribution point
 * @param caIssuersUrl  where our root's certificate is published
 */
public record CrossCertificateTemplate(X509CertificateHolder issuer, AlgorithmIdentifier signature, BigInteger serial,
                                       X509CertificateHolder subjectRoot, int pathLength, NameConstraints permitted, String crlUrl,
                                       String caIssuersUrl) {
    /** The same backdating as every other certificate of this CA. */
    public static final Duration BACKDATE = Duration.ofMinutes(5);
    /** Deep enough for any enterprise hierarchy; a larger number is a typo. */
    public static final int MAX_PATH_LENGTH = 8;
    private static final ASN1ObjectIdentifier ANY_POLICY = new ASN1ObjectIdentifier("2.5.29.32.0");

    public CrossCertificateTemplate {
        if (pathLength < 0 || pathLength > MAX_PATH_LENGTH) {
            throw TrustChainException.malformed("path_length must be between 0 and " + MAX_PATH_LENGTH + ", was " + pathLength);
        }
    }

    /** The to-be-signed certificate at {@code now}; POLICY_VIOLATION if the two roots' validity periods do not overlap from now on. */
    public TBSCertificate tbs(Instant now) {
        Instant notBefore = latest(now.minus(BACKDATE), issuer.getNotBefore().toInstant(), subjectRoot.getNotBefore().toInstant());
        Instant notAfter = earliest(issuer.getNotAfter().toInstant(), subjectRoot.getNotAfter().toInstant());
        if (!notBefore.isBefore(notAfter)) {
            throw TrustChainException.policy("the validity of a cross certificate is bounded by both roots, and '" + subjectRoot.getSubject()
                    + "' (until " + subjectRoot.getNotAfter().toInstant() + ") and this CA's root (until " + issuer.getNotAfter().toInstant()
                    + ") leave no period from now on");
        }
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(serial));
        tbs.setSignature(signature);
        tbs.setIssuer(issuer.getSubject());
        tbs.setSubject(subjectRoot.getSubject());
        tbs.setSubjectPublicKeyInfo(subjectRoot.getSubjectPublicKeyInfo());
        tbs.setStartDate(new Time(Date.from(notBefore)));
        tbs.setEndDate(new Time(Date.from(notAfter)));
        try {
            ExtensionsGenerator ext = new ExtensionsGenerator();
            ext.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLength));
            ext.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            ext.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyIdentifier(subjectRoot)));
            ext.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(keyIdentifier(issuer)));
            ext.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                    new AccessDescription(AccessDescription.id_ad_caIssuers, uri(caIssuersUrl))));
            ext.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                    new DistributionPoint(new DistributionPointName(new GeneralNames(uri(crlUrl))), null, null)}));
            ext.addExtension(Extension.certificatePolicies, false, new CertificatePolicies(new PolicyInformation(ANY_POLICY)));
            if (permitted != null) {
                ext.addExtension(Extension.nameConstraints, true, permitted);
            }
            tbs.setExtensions(ext.generate());
        } catch (IOException e) {
            throw TrustChainException.internal("cannot encode the cross certificate's extensions", e);
        }
        return tbs.generateTBSCertificate();
    }

    /**
     * A certificate's own SKI where it has one (the enterprise may compute it otherwise than RFC
     * 5280 method 1, and its intermediates' AKIs carry its value), else method 1.
     */
    public static byte[] keyIdentifier(X509CertificateHolder c) {
        SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(c.getExtensions());
        return ski != null ? ski.getKeyIdentifier() : KeyIdentifiers.of(c.getSubjectPublicKeyInfo());
    }

    private static GeneralName uri(String url) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, url);
    }

    private static Instant latest(Instant a, Instant b, Instant c) {
        Instant max = a.isAfter(b) ? a : b;
        return max.isAfter(c) ? max : c;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
