package online.hypermesh.trustchain.core.x509;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.core.crypto.CryptoToken;
import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * The SCEP registration authority certificate (RFC 8894 2.2, 4.2.1): an RSA key in the token,
 * certified by a CA of this hierarchy for digitalSignature (it signs CertRep) and keyEncipherment
 * (clients encrypt their request's content key to it). It exists because SCEP needs a key that
 * can be a CMS key-transport recipient, and TrustChain's issuing intermediates are ECDSA P-384,
 * which cannot; the RA key signs no certificates (no keyCertSign, cA=false), so its compromise
 * lets an attacker read requests and forge replies, but not issue.
 *
 * <p>The same shape serves the CMP protection certificate ({@link Role#CMP_PROTECTION}, RFC 9483
 * 3.2): a P-256 key that signs CMP responses to requests protected by signature, for
 * digitalSignature only and id-kp-cmcCA (RFC 6402 2.10), so that a CMP client accepts it as the
 * CA's and nothing else does. The CA key itself signs no CMP message.
 */
public final class RaCertificateIssuer {
    /** RSA-2048: what every SCEP client can encrypt to; the key signs nothing a relying party keeps. */
    public static final KeyType KEY_TYPE = KeyType.RSA_2048;
    /** id-kp-cmcCA (RFC 6402 2.10): the extended key usage of a CA's CMP protection certificate (RFC 9483 3.1). */
    static final org.bouncycastle.asn1.x509.KeyPurposeId CMC_CA =
            org.bouncycastle.asn1.x509.KeyPurposeId.getInstance(new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.5.5.7.3.27"));

    /** What a certificate made here is for: its key type, key usage, extended key usage and name. */
    public enum Role {
        SCEP_RA(KEY_TYPE, KeyUsage.digitalSignature | KeyUsage.keyEncipherment, null, "TrustChain SCEP RA "),
        CMP_PROTECTION(KeyType.EC_P256, KeyUsage.digitalSignature, CMC_CA, "TrustChain CMP ");

        private final KeyType keyType;
        private final int keyUsage;
        private final org.bouncycastle.asn1.x509.KeyPurposeId extendedKeyUsage;
        private final String commonNamePrefix;

        Role(KeyType keyType, int keyUsage, org.bouncycastle.asn1.x509.KeyPurposeId extendedKeyUsage, String commonNamePrefix) {
            this.keyType = keyType;
            this.keyUsage = keyUsage;
            this.extendedKeyUsage = extendedKeyUsage;
            this.commonNamePrefix = commonNamePrefix;
        }

        public KeyType keyType() {
            return keyType;
        }
    }

    private final CryptoToken token;
    private final Role role;

    /** The SCEP RA's. */
    public RaCertificateIssuer(CryptoToken token) {
        this(token, Role.SCEP_RA);
    }

    public RaCertificateIssuer(CryptoToken token, Role role) {
        this.token = token;
        this.role = role;
    }

    /** Generates the key under the new {@code keyAlias} and certifies it by {@code ca}, at most until the CA expires. */
    public X509CertificateHolder issue(IssuingAuthority ca, String keyAlias, Duration validity, Instant now) {
        Instant caEnd = ca.certificate().getNotAfter().toInstant();
        Instant notBefore = now.minusSeconds(60);
        Instant notAfter = now.plus(validity).isAfter(caEnd) ? caEnd : now.plus(validity);
        if (!notAfter.isAfter(now)) {
            throw TrustChainException.policy("CA " + ca.id() + " expires before an RA certificate could be valid");
        }
        SubjectPublicKeyInfo key = SubjectPublicKeyInfo.getInstance(token.generateKey(keyAlias, role.keyType).getEncoded());
        TBSCertificate tbs = template(role, ca, key, SerialNumbers.next(), notBefore.isBefore(ca.certificate().getNotBefore().toInstant())
                ? ca.certificate().getNotBefore().toInstant() : notBefore, notAfter);
        try {
            byte[] signature = token.sign(ca.keyAlias(), ca.signingAlgorithm(), tbs.getEncoded(ASN1Encoding.DER));
            return new X509CertificateHolder(Certificate.getInstance(new DERSequence(new ASN1Encodable[] {
                    tbs, ca.signingAlgorithm().algorithmIdentifier(), new DERBitString(signature)})));
        } catch (IOException e) {
            throw TrustChainException.internal("cannot encode the " + role + " certificate", e);
        }
    }

    static TBSCertificate template(Role role, IssuingAuthority ca, SubjectPublicKeyInfo key, BigInteger serial, Instant notBefore,
                                   Instant notAfter) {
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(serial));
        tbs.setSignature(ca.signingAlgorithm().algorithmIdentifier());
        tbs.setIssuer(ca.certificate().getSubject());
        tbs.setSubject(new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, role.commonNamePrefix + ca.id()).build());
        tbs.setSubjectPublicKeyInfo(key);
        tbs.setStartDate(new Time(Date.from(notBefore)));
        tbs.setEndDate(new Time(Date.from(notAfter)));
        try {
            ExtensionsGenerator ext = new ExtensionsGenerator();
            ext.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            ext.addExtension(Extension.keyUsage, true, new KeyUsage(role.keyUsage));
            if (role.extendedKeyUsage != null) {
                ext.addExtension(Extension.extendedKeyUsage, false, new org.bouncycastle.asn1.x509.ExtendedKeyUsage(role.extendedKeyUsage));
            }
            ext.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(KeyIdentifiers.of(key)));
            ext.addExtension(Extension.authorityKeyIdentifier, false,
                    new AuthorityKeyIdentifier(KeyIdentifiers.of(ca.certificate().getSubjectPublicKeyInfo())));
            tbs.setExtensions(ext.generate());
        } catch (IOException e) {
            throw TrustChainException.internal("cannot encode " + role + " extensions", e);
        }
        return tbs.generateTBSCertificate();
    }
}
