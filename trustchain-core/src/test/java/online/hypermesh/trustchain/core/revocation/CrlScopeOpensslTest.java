package online.hypermesh.trustchain.core.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import online.hypermesh.trustchain.core.x509.IssuingAuthority;
import online.hypermesh.trustchain.core.x509.Pem;

/**
 * The whole hierarchy's CRLs as a strict relying party checks them: {@code openssl verify
 * -crl_check_all} checks every certificate of the chain, the root included, against the CRL of
 * its issuer, with and without {@code -use_deltas}. The CRLs are TrustChain's own (CrlBuilder);
 * openssl decides.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrlScopeOpensslTest {
    private final RevocationTestCa ca = RevocationTestCa.shared();
    private final CrlBuilder builder = new CrlBuilder(new CrlLinter(), new CrlSigner(ca.token));
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    private final Instant later = now.plus(Duration.ofDays(1));

    @TempDir
    static Path dir;

    private IssuingAuthority revokedIntermediate;
    private Path root;
    private Path intermediates;
    private Path goodLeaf;
    private Path revokedLeaf;
    private Path revokedInDeltaLeaf;
    private Path leafOfRevokedIntermediate;
    private Path fullCrls;
    private Path fullAndDeltaCrls;

    @BeforeAll
    void hierarchyAndCrls() throws Exception {
        revokedIntermediate = ca.createIntermediate("rev-int-revoked-g1", "TrustChain Revoked Test Int");
        X509CertificateHolder good = ca.issueLeaf("good.scope.test");
        X509CertificateHolder revoked = ca.issueLeaf("revoked.scope.test");
        X509CertificateHolder revokedInDelta = ca.issueLeaf("delta.scope.test");
        X509CertificateHolder underRevoked = ca.issueLeaf(revokedIntermediate, "orphan.scope.test");

        X509CRLHolder rootFull = builder.full(ca.root, BigInteger.valueOf(20), now, later, List.of(
                new RevokedEntry(revokedIntermediate.certificate().getSerialNumber(), now.minusSeconds(30), RevocationReason.CA_COMPROMISE)));
        X509CRLHolder rootDelta = builder.delta(ca.root, BigInteger.valueOf(21), BigInteger.valueOf(20), now, later, List.of());
        X509CRLHolder intFull = builder.full(ca.intermediate, BigInteger.valueOf(30), now, later, List.of(
                new RevokedEntry(revoked.getSerialNumber(), now.minusSeconds(30), RevocationReason.KEY_COMPROMISE)));
        X509CRLHolder intDelta = builder.delta(ca.intermediate, BigInteger.valueOf(31), BigInteger.valueOf(30), now, later, List.of(
                new RevokedEntry(revokedInDelta.getSerialNumber(), now.minusSeconds(10), RevocationReason.KEY_COMPROMISE)));
        X509CRLHolder otherFull = builder.full(revokedIntermediate, BigInteger.valueOf(40), now, later, List.of());
        X509CRLHolder otherDelta = builder.delta(revokedIntermediate, BigInteger.valueOf(41), BigInteger.valueOf(40), now, later, List.of());

        root = pem("root.pem", ca.root.certificate());
        intermediates = dir.resolve("intermediates.pem");
        Files.writeString(intermediates, Pem.certificate(ca.intermediate.certificate().getEncoded())
                + Pem.certificate(revokedIntermediate.certificate().getEncoded()));
        goodLeaf = pem("good.pem", good);
        revokedLeaf = pem("revoked.pem", revoked);
        revokedInDeltaLeaf = pem("delta.pem", revokedInDelta);
        leafOfRevokedIntermediate = pem("orphan.pem", underRevoked);
        fullCrls = crls("full.pem", rootFull, intFull, otherFull);
        fullAndDeltaCrls = crls("all.pem", rootFull, rootDelta, intFull, intDelta, otherFull, otherDelta);
    }

    private Path pem(String name, X509CertificateHolder certificate) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, Pem.certificate(certificate.getEncoded()));
        return file;
    }

    private Path crls(String name, X509CRLHolder... crls) throws Exception {
        StringBuilder text = new StringBuilder();
        for (X509CRLHolder crl : crls) {
            text.append(Pem.encode("X509 CRL", crl.getEncoded()));
        }
        Path file = dir.resolve(name);
        Files.writeString(file, text.toString());
        return file;
    }

    private Openssl.Result verify(Path leaf, boolean deltas) throws Exception {
        List<String> args = new ArrayList<>(List.of("verify", "-crl_check_all"));
        if (deltas) {
            args.add("-use_deltas");
        }
        args.addAll(List.of("-CAfile", root.toString(), "-untrusted", intermediates.toString(),
                "-CRLfile", (deltas ? fullAndDeltaCrls : fullCrls).toString(), leaf.toString()));
        return Openssl.run(dir, args.toArray(String[]::new));
    }

    @Test
    void goodLeaf_passesWithAndWithoutDeltas() throws Exception {
        for (boolean deltas : new boolean[] {false, true}) {
            Openssl.Result r = verify(goodLeaf, deltas);
            assertEquals(0, r.exitCode(), "use_deltas=" + deltas + ": " + r.all());
            assertTrue(r.stdout().contains("good.pem: OK"), r.all());
        }
    }

    @Test
    void revokedLeaf_failsWithAndWithoutDeltas() throws Exception {
        for (boolean deltas : new boolean[] {false, true}) {
            Openssl.Result r = verify(revokedLeaf, deltas);
            assertNotEquals(0, r.exitCode(), r.all());
            assertTrue(r.all().contains("error 23 at 0 depth lookup: certificate revoked"), "use_deltas=" + deltas + ": " + r.all());
        }
    }

    @Test
    void leafRevokedSinceTheFullCrl_failsOnlyWhenTheDeltaIsUsed() throws Exception {
        assertEquals(0, verify(revokedInDeltaLeaf, false).exitCode(), "the full CRL alone does not know yet");
        Openssl.Result r = verify(revokedInDeltaLeaf, true);
        assertNotEquals(0, r.exitCode(), r.all());
        assertTrue(r.all().contains("error 23 at 0 depth lookup: certificate revoked"), r.all());
    }

    @Test
    void revokedIntermediate_failsWithAndWithoutDeltas() throws Exception {
        for (boolean deltas : new boolean[] {false, true}) {
            Openssl.Result r = verify(leafOfRevokedIntermediate, deltas);
            assertNotEquals(0, r.exitCode(), r.all());
            assertTrue(r.all().contains("error 23 at 1 depth lookup: certificate revoked"), "use_deltas=" + deltas + ": " + r.all());
        }
    }

    @Test
    void rootCrl_statesItsScopeWithoutADistributionPoint_intermediateCrlNamesItsOwn() throws Exception {
        X509CRLHolder rootCrl = builder.full(ca.root, BigInteger.valueOf(50), now, later, List.of());
        IssuingDistributionPoint rootIdp = IssuingDistributionPoint.getInstance(rootCrl.getExtension(Extension.issuingDistributionPoint).getParsedValue());
        assertTrue(rootIdp.onlyContainsCACerts());
        assertNull(rootIdp.getDistributionPoint(), "the root certificate, within this scope, names no distribution point");
        X509CRLHolder intCrl = builder.full(ca.intermediate, BigInteger.valueOf(51), now, later, List.of());
        IssuingDistributionPoint intIdp = IssuingDistributionPoint.getInstance(intCrl.getExtension(Extension.issuingDistributionPoint).getParsedValue());
        assertTrue(intIdp.onlyContainsUserCerts());
        assertFalse(intIdp.onlyContainsCACerts());
        assertTrue(intIdp.getDistributionPoint().toString().contains(ca.intermediate.urls().crl()));
    }

    @Test
    void aCrlSignedWithAnotherScope_isNotCurrent() throws Exception {
        X509CRLHolder rootCrl = builder.full(ca.root, BigInteger.valueOf(60), now, later, List.of());
        assertTrue(CrlBuilder.hasCurrentScope(rootCrl, ca.root));
        assertFalse(CrlBuilder.hasCurrentScope(rootCrl, ca.intermediate), "onlyContainsCACerts is not an issuing CA's scope");
        assertFalse(CrlBuilder.hasCurrentScope(builder.full(ca.intermediate, BigInteger.valueOf(61), now, later, List.of()), ca.root),
                "a root CRL that names a distribution point, as earlier versions signed it, is replaced at once");
    }
}
