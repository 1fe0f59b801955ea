package online.hypermesh.trustchain.core.revocation;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Date;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;

import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.IssuingAuthority;
import online.hypermesh.trustchain.core.x509.KeyIdentifiers;
import online.hypermesh.trustchain.core.x509.Validity;

/**
 * The to-be-signed delegated OCSP responder certificate (RFC 6960 4.2.2.2, CA/Browser Forum BR
 * 7.1.2.8): issued directly by the CA whose certificates it answers for, id-kp-OCSPSigning only,
 * and id-pkix-ocsp-nocheck because a responder cannot usefully vouch for itself; its short
 * validity is what limits the damage if its key leaks.
 */
final class ResponderCertificateTemplate {
    private ResponderCertificateTemplate() {
    }

    static TBSCertificate build(IssuingAuthority ca, SubjectPublicKeyInfo key, BigInteger serial, Validity validity) {
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(serial));
        tbs.setSignature(ca.signingAlgorithm().algorithmIdentifier());
        tbs.setIssuer(ca.certificate().getSubject());
        tbs.setSubject(subject(ca));
        tbs.setSubjectPublicKeyInfo(key);
        tbs.setStartDate(new Time(Date.from(validity.notBefore())));
        tbs.setEndDate(new Time(Date.from(validity.notAfter())));
        try {
            ExtensionsGenerator ext = new ExtensionsGenerator();
            ext.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            ext.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            ext.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
            ext.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
            ext.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(KeyIdentifiers.of(key)));
            ext.addExtension(Extension.authorityKeyIdentifier, false,
                    new AuthorityKeyIdentifier(KeyIdentifiers.of(ca.certificate().getSubjectPublicKeyInfo())));
            tbs.setExtensions(ext.generate());
        } catch (IOException e) {
            throw TrustChainException.internal("cannot encode OCSP responder extensions", e);
        }
        return tbs.generateTBSCertificate();
    }

    /** Named after the authority so an operator can tell the responders of different CAs apart. */
    private static X500Name subject(IssuingAuthority ca) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "TrustChain OCSP Responder " + ca.id()).build();
    }
}
