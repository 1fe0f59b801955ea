package online.hypermesh.trustchain.core.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.IssuingAuthority;

class CrlLinterTest {
    private final RevocationTestCa ca = RevocationTestCa.shared();
    private final CrlLinter linter = new CrlLinter();
    private final Instant now = Instant.now();

    private String problems(IssuingAuthority authority, BigInteger number, BigInteger base, Instant thisUpdate,
                            Instant nextUpdate, List<RevokedEntry> entries) {
        var tbs = CrlTemplate.build(authority, number, base, thisUpdate, nextUpdate, entries);
        TrustChainException e = assertThrows(TrustChainException.class, () -> linter.lint(tbs, authority, base));
        assertEquals(ErrorKind.LINT_FAILURE, e.kind());
        return e.detail();
    }

    @Test
    void rejectsNextUpdateNotAfterThisUpdate() {
        String p = problems(ca.intermediate, BigInteger.ONE, null, now, now, List.of());
        assertTrue(p.contains("nextUpdate"), p);
    }

    @Test
    void rejectsNegativeCrlNumber() {
        String p = problems(ca.intermediate, BigInteger.valueOf(-1), null, now, now.plusSeconds(3600), List.of());
        assertTrue(p.contains("non-negative"), p);
    }

    @Test
    void rejectsDuplicateSerials() {
        RevokedEntry e = new RevokedEntry(BigInteger.TEN, now.minusSeconds(60), RevocationReason.SUPERSEDED);
        String p = problems(ca.intermediate, BigInteger.ONE, null, now, now.plusSeconds(3600), List.of(e, e));
        assertTrue(p.contains("listed twice"), p);
    }

    @Test
    void rejectsRemoveFromCrlInAFullCrl() {
        RevokedEntry e = new RevokedEntry(BigInteger.TEN, now.minusSeconds(60), RevocationReason.REMOVE_FROM_CRL);
        String p = problems(ca.intermediate, BigInteger.ONE, null, now, now.plusSeconds(3600), List.of(e));
        assertTrue(p.contains("removeFromCRL"), p);
    }

    @Test
    void rejectsRevocationAfterThisUpdate() {
        RevokedEntry e = new RevokedEntry(BigInteger.TEN, now.plus(Duration.ofHours(1)), RevocationReason.SUPERSEDED);
        String p = problems(ca.intermediate, BigInteger.ONE, null, now, now.plus(Duration.ofHours(2)), List.of(e));
        assertTrue(p.contains("after thisUpdate"), p);
    }

    @Test
    void rejectsDeltaNumberNotAboveBase() {
        String p = problems(ca.intermediate, BigInteger.valueOf(5), BigInteger.valueOf(5), now, now.plusSeconds(3600), List.of());
        assertTrue(p.contains("greater than its base"), p);
    }

    @Test
    void rejectsACrlBuiltForAnotherAuthority() {
        var tbs = CrlTemplate.build(ca.root, BigInteger.ONE, null, now, now.plusSeconds(3600), List.of());
        TrustChainException e = assertThrows(TrustChainException.class, () -> linter.lint(tbs, ca.intermediate, null));
        assertTrue(e.detail().contains("issuer does not match"), e.detail());
    }

    @Test
    void aLintedCrlCanBeSignedOnlyOnce() {
        var tbs = CrlTemplate.build(ca.intermediate, BigInteger.ONE, null, now, now.plusSeconds(3600), List.of());
        LintedCrl linted = linter.lint(tbs, ca.intermediate, null);
        CrlSigner signer = new CrlSigner(ca.token);
        signer.sign(linted);
        assertThrows(TrustChainException.class, () -> signer.sign(linted));
    }
}
