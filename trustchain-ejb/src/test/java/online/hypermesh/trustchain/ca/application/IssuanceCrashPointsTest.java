package online.hypermesh.trustchain.ca.application;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import online.hypermesh.trustchain.ca.domain.IssuanceIntent;
import online.hypermesh.trustchain.ca.domain.IssuanceJournal;
import online.hypermesh.trustchain.ca.domain.IssuanceRequestRecord;
import online.hypermesh.trustchain.ca.domain.PrecertificateLog;
import online.hypermesh.trustchain.ca.domain.UnfinishedIssuance;
import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.crypto.soft.InMemoryWrappedKeyStore;
import online.hypermesh.trustchain.core.crypto.soft.SoftwareCryptoToken;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
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
import online.hypermesh.trustchain.core.x509.ValidatedCsr;
import online.hypermesh.trustchain.core.x509.Validity;

/**
 * Every crash point of issuance, table-driven, as Sunlight tests its sequencer: the real steps
 * and the real signer, over an in-memory database whose transactions commit or vanish whole, and
 * an in-memory CT log. A crash is an {@link Error} thrown at the point (the process is gone: no
 * catch block of the steps runs, no transaction in flight commits). Then the "restarted" node
 * runs recovery, and the test checks what it finds against the table in the README.
 *
 * <p>The promise under test: every precertificate the log holds has a certificate row (valid,
 * so revocable and answered by OCSP), no reservation stays open after recovery, and a client
 * gets a certificate only if it is stored.
 */
class IssuanceCrashPointsTest {
    private static IssuingAuthority issuer;
    private static LeafIssuer leafIssuer;
    private static CsrValidator validator = new CsrValidator();
    private static byte[] csr;

    @BeforeAll
    static void hierarchy() throws Exception {
        SoftwareCryptoToken token = new SoftwareCryptoToken(new InMemoryWrappedKeyStore(), "crash-test-secret-0123456789".toCharArray(),
                Clock.systemUTC());
        CertificateLinter linter = new CertificateLinter(token::publicKey);
        CertificateSigner signer = new CertificateSigner(token);
        HierarchyFactory factory = new HierarchyFactory(token, linter, signer, Clock.systemUTC(), "http://localhost:8080");
        // A P-384 root keeps the test fast; the steps do not care which key the root has.
        IssuingAuthority root = factory.createRoot("root-g1", new X500Name("C=US,O=TrustChain,CN=Crash Test Root"), KeyType.EC_P384,
                Duration.ofDays(3650));
        issuer = factory.createIntermediate(root, "us-east-1-g1", new X500Name("C=US,O=TrustChain,CN=Crash Test us-east-1"), KeyType.EC_P384,
                Duration.ofDays(1095));
        leafIssuer = new LeafIssuer(new LeafCertificateTemplate(LeafPolicies.defaults()), linter, signer);
        csr = csr("crash.hypermesh.online");
    }

    /** Where the process dies. */
    enum CrashPoint {
        AFTER_PRECERTIFICATE_SIGNED, AFTER_INTENT_COMMITTED, AFTER_PRECERTIFICATE_LOGGED, AFTER_FINAL_SIGNED, DURING_FINAL_TRANSACTION,
        AFTER_FINAL_COMMITTED
    }

    /** The process is gone: nothing after this point runs. */
    static final class Crash extends Error {
        Crash(CrashPoint point) {
            super("crash " + point);
        }
    }

    /**
     * The table: crash point, then what the restarted node finds before recovery (row stage,
     * reservation state, logged?), and what recovery leaves.
     */
    static Stream<Arguments> crashPoints() {
        return Stream.of(
                // crash after                 row before recovery  reservation    in log  after recovery   audit after recovery
                Arguments.of(CrashPoint.AFTER_PRECERTIFICATE_SIGNED, null, null, false, null, List.of()),
                Arguments.of(CrashPoint.AFTER_INTENT_COMMITTED, "precertificate", "reserved", false, "incomplete",
                        List.of("certificate.issuance_incomplete logged=false")),
                Arguments.of(CrashPoint.AFTER_PRECERTIFICATE_LOGGED, "precertificate", "reserved", true, "incomplete",
                        List.of("certificate.issuance_incomplete logged=true")),
                Arguments.of(CrashPoint.AFTER_FINAL_SIGNED, "precertificate", "reserved", true, "incomplete",
                        List.of("certificate.issuance_incomplete logged=true")),
                Arguments.of(CrashPoint.DURING_FINAL_TRANSACTION, "precertificate", "reserved", true, "incomplete",
                        List.of("certificate.issuance_incomplete logged=true")),
                Arguments.of(CrashPoint.AFTER_FINAL_COMMITTED, "final", "issued", true, "issued", List.of("certificate.issued")));
    }

    @ParameterizedTest(name = "crash {0}")
    @MethodSource("crashPoints")
    void crash_leavesWhatRecoverySettles(CrashPoint point, String stage, String reservation, boolean logged, String settled,
                                          List<String> audit) {
        World world = new World(point);
        Request request = world.request();

        assertThrows(Crash.class, () -> world.steps().issue(request.approved));

        // What the restarted node finds.
        MemoryDatabase.Row row = world.db.rows.get(request.serialHex);
        assertEquals(stage, row == null ? null : row.stage(), "certificate row");
        assertEquals(reservation, row == null ? null : row.state, "reservation");
        assertEquals(logged, world.log.holds(request.serialHex), "in the CT log");
        world.db.assertEveryLoggedPrecertificateHasARow(world.log);

        // Recovery at the next start (the grace period has passed).
        world.clock.advance(IssuanceRecovery.GRACE.plusSeconds(1));
        world.recovery().settleAbandoned(IssuanceRecovery.GRACE);
        row = world.db.rows.get(request.serialHex);
        assertEquals(settled, row == null ? null : row.state, "after recovery");
        assertEquals(audit, world.db.audit, "audit events");
        if (row != null) {
            assertEquals("valid", row.status, "a recorded serial stays valid, hence revocable and answered by OCSP");
            assertArrayEquals(world.signedPrecertificate, row.precertificate, "the row holds the very precertificate that was signed");
        }
        world.db.assertEveryLoggedPrecertificateHasARow(world.log);
        assertTrue(world.db.rows.values().stream().noneMatch(r -> r.state.equals("reserved")), "no reservation is left open");

        // Recovery again finds nothing: settling is done once.
        assertTrue(world.recovery().settleAbandoned(IssuanceRecovery.GRACE).isEmpty());
        assertEquals(audit, world.db.audit);
    }

    @Test
    void logUnavailable_answers503_andTheRequestItselfSettlesItsPrecertificate() {
        World world = new World(null);
        world.log.unavailable = true;
        Request request = world.request();

        TrustChainException e = assertThrows(TrustChainException.class, () -> world.steps().issue(request.approved));

        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("CT log"), e.getMessage());
        MemoryDatabase.Row row = world.db.rows.get(request.serialHex);
        assertEquals("incomplete", row.state, "settled at once, not left for recovery");
        assertEquals("precertificate", row.stage());
        assertEquals(List.of("certificate.issuance_incomplete"), world.db.audit.stream().map(a -> a.split(" ")[0]).toList());
        world.clock.advance(IssuanceRecovery.GRACE.plusSeconds(1));
        assertTrue(world.recovery().settleAbandoned(IssuanceRecovery.GRACE).isEmpty());
    }

    @Test
    void hsmLostBeforeThePrecertificate_answers503_andStoresNothingButTheRefusal() {
        World world = new World(null);
        world.hsmLostAt = "precertificate";
        Request request = world.request();

        TrustChainException e = assertThrows(TrustChainException.class, () -> world.steps().issue(request.approved));

        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("HSM"), e.getMessage());
        assertNull(world.db.rows.get(request.serialHex), "no reservation, no certificate row");
        assertTrue(!world.log.holds(request.serialHex), "nothing was logged");
        assertEquals(List.of("certificate.refused " + e.getMessage()), world.db.audit);
    }

    @Test
    void hsmLostAfterThePrecertificateWasLogged_answers503NamingTheToken_andSettlesTheIntent() {
        World world = new World(null);
        world.hsmLostAt = "final";
        Request request = world.request();

        TrustChainException e = assertThrows(TrustChainException.class, () -> world.steps().issue(request.approved));

        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("the crypto token could not sign it") && e.getMessage().contains("HSM"), e.getMessage());
        assertEquals("incomplete", world.db.rows.get(request.serialHex).state, "settled at once");
        assertNull(world.db.rows.get(request.serialHex).der, "no final certificate");
        world.db.assertEveryLoggedPrecertificateHasARow(world.log);
        assertEquals(List.of("certificate.issuance_incomplete"), world.db.audit);
    }

    @Test
    void finalTransactionRefused_leavesTheLoggedPrecertificateRecordedAndSettled() {
        World world = new World(null);
        Request request = world.request();
        world.refuseFinal = new TrustChainException(ErrorKind.UNAVAILABLE, "issuance is switched off");

        TrustChainException e = assertThrows(TrustChainException.class, () -> world.steps().issue(request.approved));

        assertEquals("issuance is switched off", e.getMessage());
        assertTrue(world.log.holds(request.serialHex));
        assertEquals("incomplete", world.db.rows.get(request.serialHex).state);
        world.db.assertEveryLoggedPrecertificateHasARow(world.log);
        assertNull(world.db.rows.get(request.serialHex).der, "the final certificate never left the process");
    }

    @Test
    void recoverySettlingAnIssuanceInFlight_makesItsFinalTransactionChangeNothing() {
        World world = new World(null);
        Request request = world.request();
        // While the log is answering, another node's recovery decides the issuance was abandoned.
        world.log.whileLogging = () -> {
            world.clock.advance(IssuanceRecovery.GRACE.plusSeconds(1));
            world.recovery().settleAbandoned(IssuanceRecovery.GRACE);
        };

        TrustChainException e = assertThrows(TrustChainException.class, () -> world.steps().issue(request.approved));

        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("took too long"), e.getMessage());
        assertEquals("incomplete", world.db.rows.get(request.serialHex).state);
        assertNull(world.db.rows.get(request.serialHex).der);
        assertEquals(1, world.db.audit.size(), "settled once: " + world.db.audit);
    }

    @Test
    void noCrash_storesTheFinalCertificateWithItsSct() throws Exception {
        World world = new World(null);
        Request request = world.request();

        IssuanceSteps.Issued issued = world.steps().issue(request.approved);

        MemoryDatabase.Row row = world.db.rows.get(request.serialHex);
        assertEquals("issued", row.state);
        assertArrayEquals(issued.der(), row.der);
        assertNotNull(issued.certificate().getExtension(org.bouncycastle.asn1.ASN1ObjectIdentifier.tryFromID("1.3.6.1.4.1.11129.2.4.2")));
        assertEquals(List.of("certificate.issued"), world.db.audit);
    }

    // ---------------------------------------------------------------- the world of one test

    private record Request(IssuanceSteps.Approved approved, String serialHex) {
    }

    /** A settable clock: recovery needs time to pass. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** One node's view of the database, the CT log and the crash point. */
    private static final class World {
        final CrashPoint crash;
        final MemoryDatabase db = new MemoryDatabase();
        final MemoryLog log = new MemoryLog();
        final MutableClock clock = new MutableClock();
        TrustChainException refuseFinal;
        /** The HSM answers UNAVAILABLE from this signature on: "precertificate" or "final"; null while it is there. */
        String hsmLostAt;
        byte[] signedPrecertificate;
        private int transactions;

        World(CrashPoint crash) {
            this.crash = crash;
            log.crashAfterLogging = crash == CrashPoint.AFTER_PRECERTIFICATE_LOGGED;
        }

        Request request() {
            ValidatedCsr validated = validator.validate(csr, CertificateProfile.SERVER);
            BigInteger serial = SerialNumbers.next();
            Instant now = clock.instant();
            return new Request(new IssuanceSteps.Approved(issuer, validated, CertificateProfile.SERVER,
                    Validity.startingAt(now, Duration.ofHours(24)), serial,
                    new IssuanceRequestRecord(validated.der(), "server", null, "us-east-1", "test-issuer", now), null),
                    SerialNumbers.toHex(serial));
        }

        IssuanceSteps steps() {
            return new IssuanceSteps(db.journal, log, new IssuanceSteps.Signing() {
                @Override
                public X509CertificateHolder precertificate(IssuingAuthority i, ValidatedCsr c, CertificateProfile p, BigInteger s, Validity v) {
                    hsmLost("precertificate");
                    X509CertificateHolder precertificate = leafIssuer.issuePrecertificate(i, c, p, s, v);
                    signedPrecertificate = IssuanceSteps.der(precertificate);
                    crashIf(CrashPoint.AFTER_PRECERTIFICATE_SIGNED);
                    return precertificate;
                }

                @Override
                public X509CertificateHolder certificate(IssuingAuthority i, ValidatedCsr c, CertificateProfile p, BigInteger s, Validity v,
                                                         byte[] scts) {
                    hsmLost("final");
                    X509CertificateHolder certificate = leafIssuer.issueWithScts(i, c, p, s, v, scts);
                    crashIf(CrashPoint.AFTER_FINAL_SIGNED);
                    return certificate;
                }
            }, this::inTransaction, new IssuanceSteps.Guard() {
                @Override
                public void check(IssuanceSteps.Approved request) {
                    if (refuseFinal != null && transactions > 1) {
                        throw refuseFinal;
                    }
                }

                @Override
                public void issued(IssuanceSteps.Approved request, X509CertificateHolder certificate, byte[] der) {
                    db.working.audit.add("certificate.issued");
                }

                @Override
                public void incomplete(String serialHex, String issuerId, String actor, String reason) {
                    db.working.audit.add("certificate.issuance_incomplete");
                }

                @Override
                public void unavailable(IssuanceSteps.Approved request, String reason) {
                    db.working.audit.add("certificate.refused " + reason);
                }
            }, clock);
        }

        IssuanceRecovery recovery() {
            return new IssuanceRecovery(db.journal, log, id -> IssuanceSteps.der(issuer.certificate()), db::inTransaction,
                    s -> db.working.audit.add("certificate.issuance_incomplete logged=" + s.leafIndex().isPresent()), clock);
        }

        /** The steps' transactions, numbered: 1 is the intent, 2 the final certificate (settling ones come after a failure). */
        private <T> T inTransaction(String what, IssuanceSteps.TransactionWork<T> work) {
            int number = ++transactions;
            boolean finalTransaction = number == 2 && what.startsWith("the certificate");
            return db.inTransaction(what, () -> {
                T result = work.run();
                if (finalTransaction) {
                    crashIf(CrashPoint.DURING_FINAL_TRANSACTION);
                }
                return result;
            }, () -> {
                if (number == 1) {
                    crashIf(CrashPoint.AFTER_INTENT_COMMITTED);
                } else if (finalTransaction) {
                    crashIf(CrashPoint.AFTER_FINAL_COMMITTED);
                }
            });
        }

        void hsmLost(String signature) {
            if (signature.equals(hsmLostAt) || ("final".equals(signature) && "precertificate".equals(hsmLostAt))) {
                throw new TrustChainException(ErrorKind.UNAVAILABLE, "the HSM is unavailable: the PKCS#11 token 'it' cannot be reached");
            }
        }

        void crashIf(CrashPoint point) {
            if (crash == point) {
                throw new Crash(point);
            }
        }
    }

    /** The certificate rows and audit events, with transactions that commit whole or not at all. */
    private static final class MemoryDatabase {
        static final class Row {
            final String serial;
            final byte[] precertificate;
            String state;
            String status = "valid";
            byte[] der;
            final Instant reservedAt;

            Row(String serial, byte[] precertificate, Instant reservedAt) {
                this.serial = serial;
                this.precertificate = precertificate;
                this.reservedAt = reservedAt;
                this.state = "reserved";
            }

            Row copy() {
                Row r = new Row(serial, precertificate, reservedAt);
                r.state = state;
                r.status = status;
                r.der = der;
                return r;
            }

            String stage() {
                return der == null ? "precertificate" : "final";
            }
        }

        static final class State {
            final Map<String, Row> rows = new LinkedHashMap<>();
            final List<String> audit = new ArrayList<>();

            State copy() {
                State s = new State();
                rows.forEach((k, v) -> s.rows.put(k, v.copy()));
                s.audit.addAll(audit);
                return s;
            }
        }

        private State committed = new State();
        State working;
        Map<String, Row> rows = committed.rows;
        List<String> audit = committed.audit;

        <T> T inTransaction(String what, IssuanceSteps.TransactionWork<T> work) {
            return inTransaction(what, work, () -> {
            });
        }

        /** Runs {@code work} on a copy; commits the copy if it returns, drops it if it throws; then runs {@code afterCommit}. */
        <T> T inTransaction(String what, IssuanceSteps.TransactionWork<T> work, Runnable afterCommit) {
            if (working != null) {
                throw new IllegalStateException("nested transaction: " + what);
            }
            working = committed.copy();
            T result;
            try {
                result = work.run();
            } catch (RuntimeException | Error e) {
                working = null; // rolled back: a crash or an exception commits nothing
                throw e;
            }
            committed = working;
            working = null;
            rows = committed.rows;
            audit = committed.audit;
            afterCommit.run();
            return result;
        }

        final IssuanceJournal journal = new IssuanceJournal() {
            @Override
            public void recordIntent(IssuanceIntent intent) {
                if (working.rows.containsKey(intent.serialHex())) {
                    throw TrustChainException.internal("duplicate serial", null);
                }
                working.rows.put(intent.serialHex(), new Row(intent.serialHex(), intent.precertificateDer(), intent.request().receivedAt()));
            }

            @Override
            public Completion recordFinal(String serialHex, byte[] certificateDer, Instant issuedAt) {
                Row r = working.rows.get(serialHex);
                if (!r.state.equals("reserved")) {
                    return Completion.SETTLED_MEANWHILE;
                }
                if (!r.status.equals("valid")) {
                    return Completion.REVOKED_MEANWHILE;
                }
                r.der = certificateDer;
                r.state = "issued";
                return Completion.STORED;
            }

            @Override
            public boolean settleIncomplete(String serialHex, Instant at) {
                Row r = working.rows.get(serialHex);
                if (r == null || !r.state.equals("reserved")) {
                    return false;
                }
                r.state = "incomplete";
                return true;
            }

            @Override
            public List<UnfinishedIssuance> unfinished(Instant reservedBefore, int limit) {
                return working.rows.values().stream().filter(r -> r.state.equals("reserved") && r.reservedAt.isBefore(reservedBefore))
                        .limit(limit).map(r -> new UnfinishedIssuance(r.serial, issuer.id(), r.reservedAt, r.precertificate)).toList();
            }
        };

        void assertEveryLoggedPrecertificateHasARow(MemoryLog log) {
            for (Map.Entry<String, byte[]> logged : log.entries.entrySet()) {
                Row row = rows.get(logged.getKey());
                assertNotNull(row, "the log holds precertificate " + logged.getKey() + " but the CA has no row for it");
                assertArrayEquals(logged.getValue(), row.precertificate);
            }
        }
    }

    /** The CT log: the precertificates it holds, by serial, in order. */
    private static final class MemoryLog implements PrecertificateLog {
        final Map<String, byte[]> entries = new LinkedHashMap<>();
        final Map<String, Long> indexes = new HashMap<>();
        boolean unavailable;
        boolean crashAfterLogging;
        Runnable whileLogging;

        @Override
        public Logged log(byte[] precertificateDer, byte[] issuerDer) {
            if (unavailable) {
                throw new TrustChainException(ErrorKind.UNAVAILABLE, "the CT log did not return an SCT within 5000 ms");
            }
            String serial = serialOf(precertificateDer);
            entries.put(serial, precertificateDer);
            indexes.put(serial, (long) indexes.size());
            if (whileLogging != null) {
                whileLogging.run();
            }
            if (crashAfterLogging) {
                throw new Crash(CrashPoint.AFTER_PRECERTIFICATE_LOGGED);
            }
            // Any bytes do as the embedded SCT list here; the real encoding is tested with the real log.
            return new Logged(new byte[] {0, 2, 0, 0}, indexes.get(serial));
        }

        @Override
        public OptionalLong find(byte[] precertificateDer, byte[] issuerDer) {
            String serial = serialOf(precertificateDer);
            return entries.containsKey(serial) && Arrays.equals(entries.get(serial), precertificateDer)
                    ? OptionalLong.of(indexes.get(serial)) : OptionalLong.empty();
        }

        boolean holds(String serial) {
            return entries.containsKey(serial);
        }

        private static String serialOf(byte[] der) {
            try {
                return SerialNumbers.toHex(new X509CertificateHolder(der).getSerialNumber());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static byte[] csr(String name) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        var builder = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + name), pair.getPublic());
        ExtensionsGenerator ext = new ExtensionsGenerator();
        ext.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
        builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate());
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BouncyCastle.PROVIDER).build(pair.getPrivate()))
                .getEncoded();
    }
}
