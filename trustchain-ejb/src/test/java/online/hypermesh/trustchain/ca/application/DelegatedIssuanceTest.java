package online.hypermesh.trustchain.ca.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import online.hypermesh.trustchain.bridge.cmp.client.CmpClient;
import online.hypermesh.trustchain.bridge.cmp.client.ExternalCaEndpoint;
import online.hypermesh.trustchain.bridge.cmp.client.MockExternalCa;
import online.hypermesh.trustchain.ca.domain.DelegationJournal;
import online.hypermesh.trustchain.ca.domain.IssuanceRequestRecord;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.CertificateProfile;
import online.hypermesh.trustchain.core.x509.CsrValidator;
import online.hypermesh.trustchain.core.x509.ValidatedCsr;

/**
 * The steps of delegated issuance against openssl cmp's mock server as the external CA, over an
 * in-memory journal: what is on the record after each way it can end, a crash included.
 */
class DelegatedIssuanceTest {
    @TempDir
    Path dir;

    private final MemoryJournal journal = new MemoryJournal();
    private final List<String> effects = new ArrayList<>();

    @Test
    void anIssuedCertificate_isStoredWithItsEvents_andTheIntentCameFirst() throws Exception {
        try (MockExternalCa ca = new MockExternalCa(dir).start()) {
            journal.beforeRequest = () -> assertFalse(log(ca).contains("Received request"), "the intent is recorded before the CA is asked");
            DelegatedIssuance.Issued issued = steps(ca, ca.port).issue(request("leaf"));

            assertEquals("5eed0001", issued.serialHex());
            assertEquals(List.of("issued"), List.copyOf(journal.states.values()));
            assertEquals(List.of("app.example.com"), journal.stored.get(0).names());
            assertEquals(List.of("check", "issued 5eed0001"), effects);
        }
    }

    @Test
    void aCaThatIsDown_settlesTheIntentRefused_andIsUnavailable() throws Exception {
        MockExternalCa ca = new MockExternalCa(dir);
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        DelegatedIssuance steps = steps(ca, closed);
        TrustChainException e = assertThrows(TrustChainException.class, () -> steps.issue(request("leaf")));

        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertEquals(List.of("refused"), List.copyOf(journal.states.values()));
        assertTrue(effects.get(1).startsWith("settled REFUSED external CA enterprise refused the connection"), effects.toString());
        assertTrue(journal.stored.isEmpty());
    }

    @Test
    void aCertificateForAnotherKey_isRejectedByCertConf_andNotStored() throws Exception {
        try (MockExternalCa ca = new MockExternalCa(dir).start()) {
            ca.csr("other", "app.example.com");
            DelegatedIssuance steps = steps(ca, ca.port);
            TrustChainException e = assertThrows(TrustChainException.class, () -> steps.issue(request("other")));

            assertEquals(ErrorKind.EXTERNAL_CA_FAILED, e.kind());
            assertTrue(e.getMessage().contains("its public key is not the CSR's"), e.getMessage());
            assertTrue(log(ca).contains("certificate rejected by client"), "the rejection reached the CA: " + log(ca));
            assertEquals(List.of("refused"), List.copyOf(journal.states.values()));
            assertTrue(journal.stored.isEmpty());
        }
    }

    @Test
    void aStoreThatFails_afterTheCaConfirmed_settlesTheIntentIncomplete() throws Exception {
        try (MockExternalCa ca = new MockExternalCa(dir).start()) {
            journal.onStore = () -> {
                throw TrustChainException.internal("the database went away", null);
            };
            DelegatedIssuance steps = steps(ca, ca.port);
            assertThrows(TrustChainException.class, () -> steps.issue(request("leaf")));

            assertEquals(List.of("incomplete"), List.copyOf(journal.states.values()));
            assertTrue(effects.get(1).startsWith("settled INCOMPLETE external CA enterprise issued and confirmed serial 5eed0001"),
                    effects.toString());
        }
    }

    @Test
    void aCrashAfterTheCaConfirmed_leavesTheIntentRequested_forRecovery() throws Exception {
        try (MockExternalCa ca = new MockExternalCa(dir).start()) {
            journal.onStore = () -> {
                throw new Crash();
            };
            DelegatedIssuance steps = steps(ca, ca.port);
            assertThrows(Crash.class, () -> steps.issue(request("leaf")));

            assertEquals(1, journal.unfinished(Instant.now().plusSeconds(1), 10).size(), "the recovery timer finds it");
            assertEquals(List.of("check"), effects, "nothing else was recorded: the process is gone");
        }
    }

    /** The process dies: no catch block of the steps handles an Error. */
    private static final class Crash extends Error {
    }

    private DelegatedIssuance steps(MockExternalCa ca, int port) throws IOException {
        X509CertificateHolder caCertificate;
        try (PEMParser p = new PEMParser(Files.newBufferedReader(ca.dir.resolve("ca.crt")))) {
            caCertificate = (X509CertificateHolder) p.readObject();
        }
        CmpClient client = new CmpClient(new ExternalCaEndpoint("enterprise", URI.create("http://127.0.0.1:" + port + "/pkix/"),
                MockExternalCa.REFERENCE, MockExternalCa.SECRET.getBytes(StandardCharsets.UTF_8), caCertificate, Duration.ofSeconds(5)));
        return new DelegatedIssuance(journal, client, new IssuanceSteps.Transactions() {
            @Override
            public <T> T inTransaction(String what, IssuanceSteps.TransactionWork<T> work) {
                return work.run();
            }
        }, new DelegatedIssuance.Effects() {
            @Override
            public void check() {
                effects.add("check");
            }

            @Override
            public void issued(DelegatedIssuance.Request request, String transactionIdHex, DelegationJournal.DelegatedCertificate c) {
                effects.add("issued " + c.serialHex());
            }

            @Override
            public void settled(DelegatedIssuance.Request request, String transactionIdHex, DelegationJournal.Outcome outcome, String why) {
                effects.add("settled " + outcome + " " + why);
            }
        }, Clock.systemUTC());
    }

    private DelegatedIssuance.Request request(String file) throws IOException {
        ValidatedCsr csr = new CsrValidator().validate(Files.readAllBytes(dir.resolve(file + ".der")), CertificateProfile.SERVER);
        return new DelegatedIssuance.Request(csr, CertificateProfile.SERVER,
                new IssuanceRequestRecord(csr.der(), "server", null, "us-east-1", "tester", Instant.now()), serial -> { });
    }

    private static String log(MockExternalCa ca) {
        try {
            return ca.log();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The journal's contract in memory: conditional state changes, as the SQL makes them. */
    private static final class MemoryJournal implements DelegationJournal {
        final Map<Long, String> states = new LinkedHashMap<>();
        final List<DelegatedCertificate> stored = new ArrayList<>();
        Runnable beforeRequest = () -> { };
        Runnable onStore = () -> { };

        @Override
        public long recordRequest(IssuanceRequestRecord request, String externalCa, String transactionIdHex) {
            beforeRequest.run();
            long id = states.size() + 1;
            states.put(id, "requested");
            return id;
        }

        @Override
        public boolean recordIssued(long intentId, DelegatedCertificate certificate, Instant at) {
            onStore.run();
            if (!"requested".equals(states.get(intentId))) {
                return false;
            }
            states.put(intentId, "issued");
            stored.add(certificate);
            return true;
        }

        @Override
        public boolean settle(long intentId, Outcome outcome, String why, Instant at) {
            if (!"requested".equals(states.get(intentId))) {
                return false;
            }
            states.put(intentId, outcome.name().toLowerCase(java.util.Locale.ROOT));
            return true;
        }

        @Override
        public List<UnfinishedDelegation> unfinished(Instant before, int limit) {
            return states.entrySet().stream().filter(e -> e.getValue().equals("requested"))
                    .map(e -> new UnfinishedDelegation(e.getKey(), "enterprise", "tx", "tester", Instant.now())).limit(limit).toList();
        }
    }
}
