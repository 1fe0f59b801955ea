package online.hypermesh.trustchain.core.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.crypto.soft.InMemoryWrappedKeyStore;
import online.hypermesh.trustchain.core.crypto.soft.SoftwareCryptoToken;
import online.hypermesh.trustchain.core.policy.NameScope;

/**
 * Name constraints in the intermediates (RFC 5280 4.2.1.10): a throwaway hierarchy made by the
 * server's own factory with the default subtrees, and leaves its issuer signs without any
 * registration authority in front (the faulty-RA case). OpenSSL, as a relying party, accepts the
 * leaves inside and refuses {@code example.com}.
 */
class NameConstraintsTest {
    private static final PermittedSubtrees MESH = new PermittedSubtrees(List.of("hypermesh.online", "localhost"),
            List.of(NameScope.ip("2001:db8::/32")), List.of("hypermesh.online"));

    @TempDir
    Path dir;

    private final SoftwareCryptoToken token = new SoftwareCryptoToken(new InMemoryWrappedKeyStore(),
            "throwaway-test-secret-0123456789".toCharArray(), Clock.systemUTC());
    private final CertificateLinter linter = new CertificateLinter(token::publicKey);
    private final CertificateSigner signer = new CertificateSigner(token);
    private final HierarchyFactory factory = new HierarchyFactory(token, linter, signer, Clock.systemUTC(), "http://localhost:8080", MESH);
    private final IssuingAuthority root = factory.createRoot("root-t", new X500Name("C=US,O=Throwaway,CN=Throwaway Root"),
            KeyType.EC_P384, Duration.ofDays(30));
    private final IssuingAuthority intermediate = factory.createIntermediate(root, "inter-t",
            new X500Name("C=US,O=Throwaway,CN=Throwaway Intermediate"), KeyType.EC_P384, Duration.ofDays(10));

    @Test
    void intermediateCarriesCriticalPermittedSubtrees_rootNone() {
        X509CertificateHolder inter = intermediate.certificate();
        Extension ext = inter.getExtension(Extension.nameConstraints);
        assertTrue(ext != null && ext.isCritical(), "critical name constraints");
        NameConstraints nc = NameConstraints.getInstance(ext.getParsedValue());
        assertEquals(null, nc.getExcludedSubtrees());
        List<String> permitted = java.util.Arrays.stream(nc.getPermittedSubtrees()).map(t -> t.getBase().toString()).toList();
        assertEquals(List.of("2: hypermesh.online", "2: localhost", "7: #20010db8000000000000000000000000ffffffff000000000000000000000000",
                "6: hypermesh.online"), permitted);
        assertEquals(null, root.certificate().getExtension(Extension.nameConstraints));
        assertEquals(null, new HierarchyFactory(token, linter, signer, Clock.systemUTC(), "http://localhost:8080")
                .createIntermediate(root, "plain", new X500Name("C=US,O=Throwaway,CN=Plain"), KeyType.EC_P384, Duration.ofDays(1)).certificate()
                .getExtension(Extension.nameConstraints), "none: no extension");
    }

    @Test
    void opensslAcceptsLeavesInside_andRefusesExampleCom() throws Exception {
        write("root.pem", root.certificate());
        write("inter.pem", intermediate.certificate());
        assertVerifies("inside", leaf(CertificateProfile.SERVER, TestCsrs.dns("api.hypermesh.online", "localhost")));
        assertVerifies("spiffe", leaf(CertificateProfile.CLIENT,
                List.of(new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://hypermesh.online/payments/api"))));
        assertVerifies("ip", leaf(CertificateProfile.SERVER, List.of(new GeneralName(GeneralName.dNSName, "ip.hypermesh.online"),
                TestCsrs.ip(java.net.InetAddress.getByName("2001:db8:1::5").getAddress()))));

        assertRefused(leaf(CertificateProfile.SERVER, TestCsrs.dns("example.com")));
        assertRefused(leaf(CertificateProfile.SERVER, TestCsrs.dns("evilhypermesh.online")));
        assertRefused(leaf(CertificateProfile.SERVER, TestCsrs.dns("api.hypermesh.online", "www.example.com")));
        assertRefused(leaf(CertificateProfile.CLIENT,
                List.of(new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://example.org/payments"))));
        assertRefused(leaf(CertificateProfile.SERVER, List.of(new GeneralName(GeneralName.dNSName, "ip.hypermesh.online"),
                TestCsrs.ip(java.net.InetAddress.getByName("2001:db9::5").getAddress()))));
    }

    private X509CertificateHolder leaf(CertificateProfile profile, List<GeneralName> sans) throws Exception {
        // The CSR's CN is its first DNS name, as the server's leaves have it (or none for a URI-only client).
        String cn = sans.stream().filter(n -> n.getTagNo() == GeneralName.dNSName).map(n -> "CN=" + n.getName()).findFirst().orElse("");
        byte[] csr = TestCsrs.csr(TestCsrs.ec("secp256r1"), cn, sans);
        ValidatedCsr validated = new CsrValidator().validate(csr, profile);
        return new LeafIssuer(new LeafCertificateTemplate(LeafPolicies.defaults()), linter, signer).issue(intermediate, validated, profile,
                SerialNumbers.next(), Validity.startingAt(Instant.now(), profile.validity(null)));
    }

    private void assertVerifies(String what, X509CertificateHolder leaf) throws Exception {
        write("leaf.pem", leaf);
        String[] result = verify();
        assertEquals("0", result[0], what + ": " + result[1]);
    }

    private void assertRefused(X509CertificateHolder leaf) throws Exception {
        write("leaf.pem", leaf);
        String[] result = verify();
        assertNotEquals("0", result[0], "refused: " + result[1]);
        assertTrue(result[1].toLowerCase().contains("subtree violation") || result[1].toLowerCase().contains("name constraint"), result[1]);
    }

    /** openssl verify, the relying party; a missing binary throws (the test fails, never skips). */
    private String[] verify() throws IOException, InterruptedException {
        Path out = dir.resolve("verify.txt");
        Process p = new ProcessBuilder("openssl", "verify", "-CAfile", "root.pem", "-untrusted", "inter.pem", "leaf.pem")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("openssl verify timed out");
        }
        return new String[] {Integer.toString(p.exitValue()), Files.readString(out, StandardCharsets.UTF_8)};
    }

    private void write(String file, X509CertificateHolder holder) throws Exception {
        X509Certificate c = new JcaX509CertificateConverter().getCertificate(holder);
        Files.writeString(dir.resolve(file), Pem.encode("CERTIFICATE", c.getEncoded()));
    }
}
