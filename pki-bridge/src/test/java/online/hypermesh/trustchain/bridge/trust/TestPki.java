package online.hypermesh.trustchain.bridge.trust;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Small PKIs for the tests: keys from the JDK, certificates built with Bouncy Castle. */
final class TestPki {
    private TestPki() {
    }

    static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    static String algorithm(KeyPair k) {
        return k.getPublic().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    }

    static AlgorithmIdentifier algorithmIdentifier(KeyPair k) {
        return new DefaultSignatureAlgorithmIdentifierFinder().find(algorithm(k));
    }

    /** A CA certificate of {@code subject} for {@code key}, signed by {@code issuerKey} under {@code issuer} (null: self-signed). */
    static X509CertificateHolder ca(String subject, KeyPair key, String issuer, KeyPair issuerKey, Integer pathLength, Duration life)
            throws Exception {
        return certificate(subject, key, issuer, issuerKey, true, pathLength, life);
    }

    static X509CertificateHolder leaf(String subject, KeyPair key, String issuer, KeyPair issuerKey) throws Exception {
        return certificate(subject, key, issuer, issuerKey, false, null, Duration.ofDays(1));
    }

    static X509CertificateHolder certificate(String subject, KeyPair key, String issuer, KeyPair issuerKey, boolean ca,
                                             Integer pathLength, Duration life) throws Exception {
        Instant now = Instant.now();
        X500Name issuerName = new X500Name(issuer == null ? subject : issuer);
        KeyPair signing = issuer == null ? key : issuerKey;
        X509v3CertificateBuilder b = new X509v3CertificateBuilder(issuerName, BigInteger.valueOf(now.toEpochMilli()).shiftLeft(16)
                .add(BigInteger.valueOf(System.nanoTime() & 0xffff)), Date.from(now.minusSeconds(3600)), Date.from(now.plus(life)),
                new X500Name(subject), SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()));
        JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
        b.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(key.getPublic()));
        b.addExtension(Extension.authorityKeyIdentifier, false, u.createAuthorityKeyIdentifier(signing.getPublic()));
        if (ca) {
            b.addExtension(Extension.basicConstraints, true, pathLength == null ? new BasicConstraints(true) : new BasicConstraints(pathLength));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        }
        return b.build(signer(signing.getPrivate(), algorithm(signing)));
    }

    static ContentSigner signer(PrivateKey key, String algorithm) throws Exception {
        return new JcaContentSignerBuilder(algorithm).build(key);
    }

    /** Signs a to-be-signed certificate as the crypto token would. */
    static X509CertificateHolder sign(TBSCertificate tbs, KeyPair key) throws Exception {
        ContentSigner s = signer(key.getPrivate(), algorithm(key));
        s.getOutputStream().write(tbs.getEncoded("DER"));
        return new X509CertificateHolder(Certificate.getInstance(new DERSequence(new ASN1Encodable[] {
                tbs, s.getAlgorithmIdentifier(), new DERBitString(s.getSignature())})));
    }

    static byte[] signBytes(byte[] data, KeyPair key) {
        try {
            java.security.Signature s = java.security.Signature.getInstance(algorithm(key));
            s.initSign(key.getPrivate());
            s.update(data);
            return s.sign();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(X509CertificateHolder... certificates) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (X509CertificateHolder c : certificates) {
            sb.append("-----BEGIN CERTIFICATE-----\n")
                    .append(java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(c.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        return sb.toString();
    }

    static java.security.cert.X509Certificate x509(X509CertificateHolder c) throws Exception {
        return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(c);
    }
}
