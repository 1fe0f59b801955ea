package online.hypermesh.trustchain.core.x509;

import java.time.Clock;
import java.time.Duration;

import org.bouncycastle.asn1.x500.X500Name;

import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.crypto.soft.InMemoryWrappedKeyStore;
import online.hypermesh.trustchain.core.crypto.soft.SoftwareCryptoToken;

/** A root and one P-384 intermediate in a software token, as the server bootstraps them. */
final class TestHierarchy {
    final SoftwareCryptoToken token = new SoftwareCryptoToken(new InMemoryWrappedKeyStore(), "test-operator-secret-0123456789".toCharArray(), Clock.systemUTC());
    final CertificateLinter linter = new CertificateLinter(token::publicKey);
    final CertificateSigner signer = new CertificateSigner(token);
    final IssuingAuthority root;
    final IssuingAuthority intermediate;
    final LeafCertificateTemplate template = new LeafCertificateTemplate(LeafPolicies.defaults());
    final LeafIssuer leafIssuer = new LeafIssuer(template, linter, signer);

    private static TestHierarchy shared;

    /** RSA-4096 key generation is slow; tests that only read share one hierarchy. */
    static synchronized TestHierarchy shared() {
        if (shared == null) {
            shared = new TestHierarchy();
        }
        return shared;
    }

    TestHierarchy() {
        HierarchyFactory factory = new HierarchyFactory(token, linter, signer, Clock.systemUTC(), "http://localhost:8080");
        root = factory.createRoot("root-g1", new X500Name("C=US,O=TrustChain,CN=TrustChain Test Root"), KeyType.RSA_4096, Duration.ofDays(3650));
        intermediate = factory.createIntermediate(root, "us-east-1-g1", new X500Name("C=US,O=TrustChain,CN=TrustChain us-east-1"), KeyType.EC_P384, Duration.ofDays(1095));
    }
}
