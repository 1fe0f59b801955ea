package online.hypermesh.trustchain.witness.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.witness.Cosigner;
import online.hypermesh.trustchain.witness.NoteSignature;
import online.hypermesh.trustchain.witness.SignedNote;
import online.hypermesh.trustchain.witness.TestLog;

/** The relying party's check of a checkpoint: the log's signature and a quorum of distinct trusted witnesses. */
class CheckpointQuorumTest {
    @Test
    void quorumOfDistinctTrustedWitnessesOverTheLogsSignedTree() throws Exception {
        TestLog log = new TestLog("ct.example.org/2026h1");
        log.grow(9);
        List<Cosigner> cosigners = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            KeyPair p = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            cosigners.add(new Cosigner("witness.example.org/w" + i, p.getPrivate(), p.getPublic()));
        }
        List<WitnessEndpoint> trusted = cosigners.stream()
                .map(c -> WitnessEndpoint.parse(c.verifierKey(), "http://127.0.0.1/")).toList();
        SignedNote note = SignedNote.parse(log.checkpoint());
        long t = System.currentTimeMillis() / 1000;

        SignedNote two = note.withSignature(cosigners.get(0).cosign(note.text(), t)).withSignature(cosigners.get(1).cosign(note.text(), t));
        CheckpointQuorum.Result r = CheckpointQuorum.check(two.encode(), log.logKey(), trusted);
        assertFalse(r.confirmed());
        assertEquals("2 of 4 witnesses cosigned, 3 needed", r.problem());

        // The same witness twice still counts once.
        SignedNote dup = two.withSignature(cosigners.get(1).cosign(note.text(), t + 1));
        assertFalse(CheckpointQuorum.check(dup.encode(), log.logKey(), trusted).confirmed());

        SignedNote three = two.withSignature(cosigners.get(3).cosign(note.text(), t));
        r = CheckpointQuorum.check(three.encode(), log.logKey(), trusted);
        assertTrue(r.confirmed(), r.problem());
        assertEquals(List.of("witness.example.org/w1", "witness.example.org/w2", "witness.example.org/w4"), r.cosigners());

        // A cosignature of another tree copied onto this one makes the note invalid.
        NoteSignature other = cosigners.get(2).cosign(note.text().replace("\n9\n", "\n8\n"), t);
        r = CheckpointQuorum.check(three.withSignature(other).encode(), log.logKey(), trusted);
        assertFalse(r.confirmed());
        assertTrue(r.problem().contains("witness.example.org/w3 does not verify"), r.problem());

        // Cosignatures without the log's own signature are worth nothing.
        SignedNote unsigned = new SignedNote(note.text(), three.signatures().subList(1, 4));
        assertEquals("no valid signature by the log's key", CheckpointQuorum.check(unsigned.encode(), log.logKey(), trusted).problem());
    }
}
