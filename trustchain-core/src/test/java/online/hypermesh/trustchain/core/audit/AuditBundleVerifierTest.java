package online.hypermesh.trustchain.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The chain, its checkpoints and the bundle verifier, including the tampering it must catch and where. */
class AuditBundleVerifierTest {
    private static final Instant T = Instant.parse("2026-12-02T19:30:00.123456789Z");

    private final KeyPair key = generate();

    @Test
    void canonicalJson_isFixedOrder_microseconds_andEscapes() {
        AuditRecord r = new AuditRecord(7, 42, T, "node-1", "a\"b\\c", "certificate.issued", "certificate", null, "{\"k\": \"v\"}");
        assertEquals("{\"seq\":7,\"id\":42,\"occurred_at\":\"2026-12-02T19:30:00.123456Z\",\"node\":\"node-1\",\"actor\":\"a\\\"b\\\\c\","
                + "\"action\":\"certificate.issued\",\"object_type\":\"certificate\",\"object_id\":null,\"details\":{\"k\": \"v\"}}", r.canonicalJson());
        assertEquals("\"\\u0001\\n\"", AuditRecord.quote("\u0001\n"));
    }

    @Test
    void anIntactBundle_verifies() throws Exception {
        AuditBundleVerifier.Result r = AuditBundleVerifier.verify(bundle(5, List.of(3L, 5L)));
        assertTrue(r.ok(), r.reason());
        assertEquals(5, r.events());
        assertEquals(2, r.checkpoints());
    }

    @Test
    void oneChangedByte_isFoundAtItsPosition() throws Exception {
        String b = bundle(5, List.of(5L)).replace("\"object_id\":\"serial-4\"", "\"object_id\":\"serial-X\"");
        AuditBundleVerifier.Result r = AuditBundleVerifier.verify(b);
        assertFalse(r.ok());
        assertEquals(4, r.failedAt(), r.reason());
    }

    @Test
    void aDeletedEvent_isFoundAtItsPosition() throws Exception {
        List<String> lines = new ArrayList<>(List.of(bundle(5, List.of(5L)).split("\n")));
        lines.removeIf(l -> l.startsWith("event 3 "));
        AuditBundleVerifier.Result r = AuditBundleVerifier.verify(String.join("\n", lines) + "\n");
        assertFalse(r.ok());
        assertEquals(3, r.failedAt(), r.reason());
        assertTrue(r.reason().contains("missing"), r.reason());
    }

    @Test
    void rewrittenStoredHashes_areCaughtByTheSignedCheckpoint() throws Exception {
        // The forger changes event 4 and recomputes every stored hash after it, but cannot re-sign.
        List<AuditRecord> records = records(5);
        records.set(3, new AuditRecord(4, 104, T, "n", "forger", "x", "certificate", "serial-4", "{}"));
        String honest = bundle(5, List.of(2L, 5L));
        String forged = render(records, List.of(2L, 5L), honestCheckpoints(honest));
        AuditBundleVerifier.Result r = AuditBundleVerifier.verify(forged);
        assertFalse(r.ok());
        assertEquals(3, r.failedAt(), r.reason());
        assertTrue(r.reason().contains("signed head"), r.reason());
    }

    @Test
    void eventsAfterTheLastCheckpoint_andForeignSignatures_fail() throws Exception {
        AuditBundleVerifier.Result tail = AuditBundleVerifier.verify(bundle(5, List.of(3L)));
        assertFalse(tail.ok());
        assertEquals(4, tail.failedAt(), tail.reason());
        KeyPair other = generate();
        String foreign = bundle(5, List.of(5L)).replaceFirst("key \\S+", "key "
                + java.util.Base64.getEncoder().encodeToString(other.getPublic().getEncoded()));
        assertTrue(AuditBundleVerifier.verify(foreign).reason().contains("not signed by"));
    }

    private List<AuditRecord> records(int n) {
        List<AuditRecord> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(new AuditRecord(i, 100 + i, T.plusSeconds(i), "n", "alice", "certificate.issued", "certificate", "serial-" + i,
                    "{\"profile\": \"server\"}"));
        }
        return out;
    }

    private String bundle(int n, List<Long> checkpointSizes) throws Exception {
        return render(records(n), checkpointSizes, null);
    }

    /** Renders with fresh signatures, or with the given checkpoint lines (a forger's reuse of honest ones). */
    private String render(List<AuditRecord> records, List<Long> sizes, List<String> reuse) throws Exception {
        AuditBundle b = new AuditBundle(key.getPublic().getEncoded(), 1, AuditChain.genesis());
        StringBuilder out = new StringBuilder();
        byte[] hash = AuditChain.genesis();
        int used = 0;
        List<String> checkpointLines = new ArrayList<>();
        for (AuditRecord r : records) {
            hash = AuditChain.next(hash, r.canonicalJson());
            b.event(r, hash);
            if (sizes.contains(r.seq())) {
                if (reuse != null) {
                    checkpointLines.add(reuse.get(used++));
                } else {
                    AuditCheckpoint c = new AuditCheckpoint("hypermesh.online", r.seq(), hash, T);
                    Signature s = Signature.getInstance("SHA256withECDSA");
                    s.initSign(key.getPrivate());
                    s.update(c.signedBytes());
                    b.checkpoint(c.text(), s.sign());
                }
            }
        }
        if (reuse == null) {
            return b.text();
        }
        // Put the reused checkpoint lines after the events they sign.
        for (String line : b.text().split("\n")) {
            out.append(line).append('\n');
            if (line.startsWith("event ")) {
                long seq = Long.parseLong(line.split(" ")[1]);
                int index = sizes.indexOf(seq);
                if (index >= 0) {
                    out.append(checkpointLines.get(index)).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static List<String> honestCheckpoints(String bundle) {
        return List.of(bundle.split("\n")).stream().filter(l -> l.startsWith("checkpoint ")).toList();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
