package online.hypermesh.trustchain.bench;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CRLHolder;

import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.crypto.soft.InMemoryWrappedKeyStore;
import online.hypermesh.trustchain.core.crypto.soft.SoftwareCryptoToken;
import online.hypermesh.trustchain.core.revocation.CrlBuilder;
import online.hypermesh.trustchain.core.revocation.CrlLinter;
import online.hypermesh.trustchain.core.revocation.CrlSigner;
import online.hypermesh.trustchain.core.revocation.RevocationReason;
import online.hypermesh.trustchain.core.revocation.RevokedEntry;
import online.hypermesh.trustchain.core.x509.CertificateLinter;
import online.hypermesh.trustchain.core.x509.CertificateSigner;
import online.hypermesh.trustchain.core.x509.HierarchyFactory;
import online.hypermesh.trustchain.core.x509.IssuingAuthority;

/**
 * How long the CA takes to build, lint, sign and encode a full CRL of a P-384 issuing CA with N
 * revoked entries (default 100,000), through the same {@link CrlBuilder} the server uses. The
 * database read of the entries is not included (see bench/README.md for the end-to-end figure).
 *
 * <p>Usage: {@code java -cp trustchain-bench.jar online.hypermesh.trustchain.bench.CrlGenerationBench [entries] [rounds]}
 */
public final class CrlGenerationBench {
    private CrlGenerationBench() {
    }

    public static void main(String[] args) {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        SoftwareCryptoToken token = new SoftwareCryptoToken(new InMemoryWrappedKeyStore(), "bench-operator-secret".toCharArray(),
                Clock.systemUTC());
        CertificateLinter linter = new CertificateLinter(token::publicKey);
        HierarchyFactory hierarchy = new HierarchyFactory(token, linter, new CertificateSigner(token), Clock.systemUTC(),
                "http://localhost:8080");
        IssuingAuthority root = hierarchy.createRoot("bench-root-g1", new X500Name("C=US,CN=Bench Root"), KeyType.RSA_4096, Duration.ofDays(3650));
        IssuingAuthority ca = hierarchy.createIntermediate(root, "bench-int-g1", new X500Name("C=US,CN=Bench Issuing CA"), KeyType.EC_P384,
                Duration.ofDays(1000));
        CrlBuilder builder = new CrlBuilder(new CrlLinter(), new CrlSigner(token));

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<RevokedEntry> revoked = revokedEntries(entries, now);
        System.out.printf(Locale.ROOT, "full CRL of %s with %,d entries, %d rounds (the first %d are warm-up)%n", ca.id(), entries, rounds,
                Math.min(3, rounds - 1));
        long best = Long.MAX_VALUE;
        long total = 0;
        int measured = 0;
        int size = 0;
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            X509CRLHolder crl = builder.full(ca, BigInteger.valueOf(round + 1), now, now.plus(Duration.ofHours(24)), revoked);
            size = encodedSize(crl);
            long nanos = System.nanoTime() - start;
            System.out.printf(Locale.ROOT, "round %d: %.1f ms, %,d bytes%n", round + 1, nanos / 1e6, size);
            if (round >= Math.min(3, rounds - 1)) {
                best = Math.min(best, nanos);
                total += nanos;
                measured++;
            }
        }
        System.out.printf(Locale.ROOT, "RESULT crl_entries=%d crl_bytes=%d mean_ms=%.1f best_ms=%.1f%n", entries, size,
                total / 1e6 / measured, best / 1e6);
    }

    private static List<RevokedEntry> revokedEntries(int n, Instant now) {
        SecureRandom random = new SecureRandom();
        RevocationReason[] reasons = {RevocationReason.KEY_COMPROMISE, RevocationReason.SUPERSEDED, RevocationReason.UNSPECIFIED,
                RevocationReason.CESSATION_OF_OPERATION};
        List<RevokedEntry> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new RevokedEntry(new BigInteger(127, random).setBit(126), now.minusSeconds(1 + random.nextInt(86_000)),
                    reasons[i % reasons.length]));
        }
        return out;
    }

    private static int encodedSize(X509CRLHolder crl) {
        try {
            return crl.getEncoded().length;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
