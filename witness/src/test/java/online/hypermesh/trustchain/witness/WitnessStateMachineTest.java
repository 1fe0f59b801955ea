package online.hypermesh.trustchain.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import online.hypermesh.trustchain.ct.merkle.MerkleHashes;

/** Every answer of add-checkpoint (C2SP tlog-witness), and what each leaves on disk. */
class WitnessStateMachineTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T06:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path state;
    TestLog log;
    Cosigner cosigner;
    Witness witness;

    @BeforeEach
    void setUp() throws Exception {
        log = new TestLog("ct.example.org/2026h1");
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        cosigner = new Cosigner("witness.example.org/w1", pair.getPrivate(), pair.getPublic());
        witness = open();
    }

    private Witness open() throws IOException {
        return new Witness(cosigner, List.of(log.logKey()), new WitnessStore(state), CLOCK);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void assertCosigned(WitnessResponse r, String checkpoint) throws Exception {
        assertEquals(200, r.status(), r.body());
        assertEquals("text/plain; charset=utf-8", r.contentType());
        String text = SignedNote.parse(checkpoint).text();
        NoteSignature line = NoteSignature.parse(r.body().substring(0, r.body().length() - 1));
        assertEquals(CLOCK.instant().getEpochSecond(), Cosigner.verify(cosigner.name(), cosigner.publicKey(), text, line));
    }

    private void assertConflict(WitnessResponse r, long held) {
        assertEquals(409, r.status(), r.body());
        assertEquals("text/x.tlog.size", r.contentType());
        assertEquals(held + "\n", r.body());
    }

    @Test
    void firstCheckpointFromZeroThenGrowthAlongProofs() throws Exception {
        log.grow(5);
        String cp5 = log.checkpoint();
        assertCosigned(witness.addCheckpoint(AddCheckpointRequest.encode(0, List.of(), cp5)), cp5);
        assertEquals(5, witness.heldSize(log.origin));

        for (int grow : new int[] {1, 2, 9, 100}) {
            long old = log.size();
            log.grow(grow);
            String cp = log.checkpoint();
            assertCosigned(witness.addCheckpoint(AddCheckpointRequest.encode(old, log.proof(old), cp)), cp);
            assertEquals(log.size(), witness.heldSize(log.origin));
        }
        // The same tree again (a log retrying after a lost answer) is cosigned again.
        String same = log.checkpoint();
        assertCosigned(witness.addCheckpoint(AddCheckpointRequest.encode(log.size(), List.of(), same)), same);

        // The monitoring endpoint serves the checkpoint with the log's signature and the cosignature.
        WitnessResponse read = witness.checkpoint(WitnessStore.originHash(log.origin));
        assertEquals(200, read.status());
        SignedNote held = SignedNote.parse(read.body());
        assertEquals(SignedNote.parse(same).text(), held.text());
        assertEquals(2, held.signatures().size());
        assertTrue(log.logKey().verify(CheckpointBody.parse(held.text()), held.signatures().get(0)));
    }

    @Test
    void emptyTreeIsCosignedOnlyWithTheEmptyRoot() throws Exception {
        String empty = log.sign(log.key, 0, MerkleHashes.emptyRoot());
        assertCosigned(witness.addCheckpoint(AddCheckpointRequest.encode(0, List.of(), empty)), empty);
        String wrong = log.sign(log.key, 0, MerkleHashes.leafHash(new byte[0]));
        assertEquals(422, witness.addCheckpoint(AddCheckpointRequest.encode(0, List.of(), wrong)).status());
    }

    @Test
    void conflictAnswersTheHeldSize() throws Exception {
        log.grow(8);
        assertEquals(200, witness.addCheckpoint(log.request(0)).status());
        log.grow(4);
        // A log that forgot what the witness holds, or thinks it holds more.
        assertConflict(witness.addCheckpoint(log.request(0)), 8);
        assertConflict(witness.addCheckpoint(log.request(4)), 8);
        assertConflict(witness.addCheckpoint(log.request(10)), 8);
        assertEquals(8, witness.heldSize(log.origin));
        assertEquals(200, witness.addCheckpoint(log.request(8)).status());
        assertEquals(12, witness.heldSize(log.origin));
        assertEquals("[]\n", witness.evidence(WitnessStore.originHash(log.origin)).body(), "a stale log is no evidence");
    }

    @Test
    void forkForTheHeldSizeIsRefusedAndKeptAsEvidence() throws Exception {
        log.grow(8);
        assertEquals(200, witness.addCheckpoint(log.request(0)).status());
        // The compromised log signs another tree of size 8 and offers it the way it would to a fresh witness.
        String fork = log.sign(log.key, 8, MerkleHashes.leafHash(utf8("fork")));
        assertConflict(witness.addCheckpoint(AddCheckpointRequest.encode(0, List.of(), fork)), 8);
        // And as the same size the witness holds: 422, same root required.
        WitnessResponse sameSize = witness.addCheckpoint(AddCheckpointRequest.encode(8, List.of(), fork));
        assertEquals(422, sameSize.status(), sameSize.body());
        assertEquals(8, witness.heldSize(log.origin));

        String evidence = witness.evidence(WitnessStore.originHash(log.origin)).body();
        assertTrue(evidence.contains("\"kind\":\"fork\""), evidence);
        assertEquals(1, evidence.split("\"kind\"").length - 1, "the same refused note is kept once: " + evidence);
        assertTrue(evidence.contains(fork.replace("\n", "\\n")), "the refused note as received");
        // Never two trees of one size: the held checkpoint is the honest one.
        SignedNote held = SignedNote.parse(witness.checkpoint(WitnessStore.originHash(log.origin)).body());
        assertEquals(SignedNote.parse(log.checkpoint()).text(), held.text());
    }

    @Test
    void aLyingWitnessCosignsTheForkAnHonestOneRefuses() throws Exception {
        log.grow(8);
        Witness liar = new Witness(cosigner, List.of(log.logKey()), new WitnessStore(state.resolve("liar")), CLOCK, true);
        assertTrue(liar.lying());
        assertFalse(witness.lying());
        assertEquals(200, witness.addCheckpoint(log.request(0)).status());
        assertEquals(200, liar.addCheckpoint(log.request(0)).status());
        String fork = log.sign(log.key, 8, MerkleHashes.leafHash(utf8("fork")));
        byte[] request = AddCheckpointRequest.encode(7, List.of(), fork);
        assertConflict(witness.addCheckpoint(request), 8);
        assertCosigned(liar.addCheckpoint(request), fork);
        // The liar now serves the fork as what it cosigned; it keeps no evidence against itself.
        assertEquals(SignedNote.parse(fork).text(), SignedNote.parse(liar.checkpoint(WitnessStore.originHash(log.origin)).body()).text());
        assertEquals("[]\n", liar.evidence(WitnessStore.originHash(log.origin)).body());
    }

    @Test
    void badProofIsUnprocessableAndKeptAsEvidence() throws Exception {
        log.grow(7);
        assertEquals(200, witness.addCheckpoint(log.request(0)).status());
        log.grow(6);
        List<byte[]> proof = new ArrayList<>(log.proof(7));
        byte[] broken = proof.get(0).clone();
        broken[0] ^= 1;
        proof.set(0, broken);
        WitnessResponse r = witness.addCheckpoint(AddCheckpointRequest.encode(7, proof, log.checkpoint()));
        assertEquals(422, r.status(), r.body());
        // A proof one hash short, and one for old size 0.
        List<byte[]> shorter = log.proof(7).subList(0, log.proof(7).size() - 1);
        assertEquals(422, witness.addCheckpoint(AddCheckpointRequest.encode(7, shorter, log.checkpoint())).status());
        assertEquals(7, witness.heldSize(log.origin));
        assertTrue(witness.evidence(WitnessStore.originHash(log.origin)).body().contains("\"kind\":\"inconsistent\""));
        // From the held size to itself the proof is empty.
        log.grow(0);
    }

    @Test
    void proofFromZeroIsUnprocessable() throws Exception {
        log.grow(3);
        WitnessResponse r = witness.addCheckpoint(AddCheckpointRequest.encode(0, List.of(MerkleHashes.emptyRoot()), log.checkpoint()));
        assertEquals(422, r.status(), r.body());
        assertEquals(0, witness.heldSize(log.origin));
    }

    @Test
    void unknownOriginIsNotFound() throws Exception {
        TestLog other = new TestLog("other.example.org/log");
        other.grow(2);
        WitnessResponse r = witness.addCheckpoint(other.request(0));
        assertEquals(404, r.status(), r.body());
    }

    @Test
    void checkpointWithoutTheLogsSignatureIsForbidden() throws Exception {
        log.grow(2);
        // Signed under the right origin by another key: another key ID, so ignored, so no signature at all.
        KeyPair impostor = TestLog.p256();
        String forged = log.sign(impostor, 2, log.tree.root());
        assertEquals(403, witness.addCheckpoint(AddCheckpointRequest.encode(0, List.of(), forged)).status());
        assertEquals(0, witness.heldSize(log.origin));
    }

    @Test
    void signatureWithTheLogsKeyIdThatFailsIsForbidden() throws Exception {
        log.grow(2);
        String good = log.checkpoint();
        // The signed root is altered after signing: name and key ID match, the signature fails.
        String tampered = good.replace(Base64.getEncoder().encodeToString(log.tree.root()),
                Base64.getEncoder().encodeToString(MerkleHashes.emptyRoot()));
        assertEquals(403, witness.addCheckpoint(AddCheckpointRequest.encode(0, List.of(), tampered)).status());
        // Even when a valid signature is next to it.
        SignedNote n = SignedNote.parse(good);
        NoteSignature s = n.signatures().get(0);
        byte[] sig = s.signature();
        sig[sig.length - 1] ^= 1;
        String twoSigs = n.withSignature(new NoteSignature(s.keyName(), s.keyId(), sig)).encode();
        assertEquals(403, witness.addCheckpoint(AddCheckpointRequest.encode(0, List.of(), twoSigs)).status());
        // Extension lines are not covered by an RFC 6962 tree-head signature.
        String extended = good.replaceFirst("\n\n", "\nextension\n\n");
        assertEquals(403, witness.addCheckpoint(AddCheckpointRequest.encode(0, List.of(), extended)).status());
        assertEquals(0, witness.heldSize(log.origin));
    }

    @Test
    void signaturesOfUnknownKeysAreIgnored() throws Exception {
        log.grow(2);
        SignedNote n = SignedNote.parse(log.checkpoint());
        String withOthers = n.withSignature(new NoteSignature("someone.example/else", 42, new byte[64])).encode();
        assertEquals(200, witness.addCheckpoint(AddCheckpointRequest.encode(0, List.of(), withOthers)).status());
    }

    @Test
    void oldSizeAboveTheCheckpointIsBadRequest() throws Exception {
        log.grow(4);
        WitnessResponse r = witness.addCheckpoint(AddCheckpointRequest.encode(5, List.of(), log.checkpoint()));
        assertEquals(400, r.status(), r.body());
    }

    @Test
    void malformedRequestsAreBadRequests() throws Exception {
        log.grow(4);
        String cp = log.checkpoint();
        String hash = Base64.getEncoder().encodeToString(MerkleHashes.emptyRoot());
        List<String> bad = new ArrayList<>(List.of(
                "",
                "old 0\n" + cp,
                "old 00\n\n" + cp,
                "old 01\n\n" + cp,
                "old -1\n\n" + cp,
                "old 18446744073709551616\n\n" + cp,
                "old  0\n\n" + cp,
                "new 0\n\n" + cp,
                "old 0\n" + hash.substring(1) + "\n\n" + cp,
                "old 0\nAAAA\n\n" + cp,
                "old 0\n\n" + cp.substring(0, cp.length() - 1),
                "old 0\n\n" + cp.replace("\n4\n", "\n04\n"),
                "old 0\n\n" + cp.replace("\n4\n", "\nfour\n"),
                "old 0\n\n" + SignedNote.parse(cp).text(),
                "old 0\r\n\r\n" + cp));
        bad.add("old 4\n" + (hash + "\n").repeat(64) + "\n" + cp);
        for (String b : bad) {
            WitnessResponse r = witness.addCheckpoint(utf8(b));
            assertEquals(400, r.status(), () -> "for " + b + ": " + r.body());
        }
        assertEquals(400, witness.addCheckpoint(new byte[] {'o', 'l', 'd', ' ', '0', '\n', '\n', (byte) 0xff, '\n'}).status());
        assertEquals(400, witness.addCheckpoint(new byte[AddCheckpointRequest.MAX_BYTES + 1]).status());
        assertEquals(0, witness.heldSize(log.origin));
        assertFalse(witness.checkpoint(WitnessStore.originHash(log.origin)).status() == 200);
    }

    @Test
    void restartRemembersWhatWasCosigned() throws Exception {
        log.grow(10);
        assertEquals(200, witness.addCheckpoint(log.request(0)).status());
        Witness again = open();
        assertEquals(10, again.heldSize(log.origin));
        assertConflict(again.addCheckpoint(log.request(0)), 10);
        log.grow(1);
        assertEquals(200, again.addCheckpoint(log.request(10)).status());
    }
}
