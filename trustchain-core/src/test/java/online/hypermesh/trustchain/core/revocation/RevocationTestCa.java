package online.hypermesh.trustchain.core.revocation;

import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.crypto.soft.InMemoryWrappedKeyStore;
import online.hypermesh.trustchain.core.crypto.soft.SoftwareCryptoToken;
import online.hypermesh.trustchain.core.x509.BouncyCastle;
import online.hypermesh.trustchain.core.x509.CertificateLinter;
import online.hypermesh.trustchain.core.x509.CertificateProfile;
import online.hypermesh.trustchain.core.x509.CertificateSigner;
import online.hypermesh.trustchain.core.x509.CsrValidator;
import online.hypermesh.trustchain.core.x509.HierarchyFactory;
import online.hypermesh.trustchain.core.x509.IssuingAuthority;
import online.hypermesh.trustchain.core.x509.LeafCertificateTemplate;
import online.hypermesh.trustchain.core.x509.LeafIssuer;
import online.hypermesh.trustchain.core.x509.LeafPolicies;
import online.hypermesh.trustchain.core.x509.SerialNumbers;
import online.hypermesh.trustchain.core.x509.Validity;

/**
 * A root (RSA-4096) and a P-384 issuing intermediate in a software token, built through the public
 * {@link HierarchyFactory} exactly as the server bootstraps them, plus leaf issuance for tests.
 */
public final class RevocationTestCa {
    public final SoftwareCryptoToken token = new SoftwareCryptoToken(new InMemoryWrappedKeyStore(),
            "test-operator-secret-0123456789".toCharArray(), Clock.systemUTC());
    public final IssuingAuthority root;
    public final IssuingAuthority intermediate;
    private final LeafIssuer leafIssuer;

    private static RevocationTestCa shared;

    /** RSA-4096 generation is slow, so the test classes share one hierarchy. */
    public static synchronized RevocationTestCa shared() {
        if (shared == null) {
            shared = new RevocationTestCa();
        }
        return shared;
    }

    private RevocationTestCa() {
        CertificateLinter linter = new CertificateLinter(token::publicKey);
        CertificateSigner signer = new CertificateSigner(token);
        HierarchyFactory factory = new HierarchyFactory(token, linter, signer, Clock.systemUTC(), "http://localhost:8080");
        root = factory.createRoot("rev-root-g1", new X500Name("C=US,O=TrustChain,CN=TrustChain Revocation Test Root"), KeyType.RSA_4096, Duration.ofDays(3650));
        intermediate = factory.createIntermediate(root, "rev-int-g1", new X500Name("C=US,O=TrustChain,CN=TrustChain Revocation Test Int"), KeyType.EC_P384, Duration.ofDays(1095));
        leafIssuer = new LeafIssuer(new LeafCertificateTemplate(LeafPolicies.defaults()), linter, signer);
    }

    /** A fresh server certificate for {@code dnsName} from the intermediate. */
    public X509CertificateHolder issueLeaf(String dnsName) throws Exception {
        return issueLeaf(intermediate, dnsName);
    }

    /** Another issuing intermediate under the root, for tests that revoke one. */
    public IssuingAuthority createIntermediate(String id, String commonName) {
        return new HierarchyFactory(token, new CertificateLinter(token::publicKey), new CertificateSigner(token), Clock.systemUTC(), "http://localhost:8080")
                .createIntermediate(root, id, new X500Name("C=US,O=TrustChain,CN=" + commonName), KeyType.EC_P384, Duration.ofDays(1095));
    }

    /** A fresh server certificate for {@code dnsName} from {@code issuer}. */
    public X509CertificateHolder issueLeaf(IssuingAuthority issuer, String dnsName) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        var builder = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + dnsName), pair.getPublic());
        ExtensionsGenerator ext = new ExtensionsGenerator();
        ext.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
        builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate());
        byte[] csr = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BouncyCastle.PROVIDER)
                .build(pair.getPrivate())).getEncoded();
        var validated = new CsrValidator().validate(csr, CertificateProfile.SERVER);
        return leafIssuer.issue(issuer, validated, CertificateProfile.SERVER, SerialNumbers.next(),
                Validity.startingAt(Instant.now(), Duration.ofHours(24)));
    }

    public static X509Certificate x509(X509CertificateHolder holder) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
    }

    public static X509CRL x509(X509CRLHolder holder) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(holder.getEncoded()));
    }
}
