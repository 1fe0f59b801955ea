package online.hypermesh.trustchain.witness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encodings against the C2SP signed-note and tlog-cosignature specs' own examples. */
class CosignatureSpecTest {
    // tlog-cosignature, "Format": a checkpoint with a log signature and an Ed25519 cosignature.
    private static final String SPEC_CHECKPOINT = """
            example.com/behind-the-sofa
            20852163
            CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
            """;
    private static final String SPEC_COSIGNATURE = "\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/"
            + "zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==";
    // tlog-cosignature, "Ed25519 signed message": the message for timestamp 1679315147.
    private static final String SPEC_MESSAGE = """
            cosignature/v1
            time 1679315147
            example.com/behind-the-sofa
            20852163
            CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
            """;

    @Test
    void specCosignatureLineDecodesToKeyIdTimestampAndEd25519Signature() throws Exception {
        NoteSignature line = NoteSignature.parse(SPEC_COSIGNATURE);
        assertEquals("witness.example.com/w1", line.keyName());
        assertEquals(0x8d66cf3f, line.keyId());
        byte[] sig = line.signature();
        assertEquals(8 + 64, sig.length, "timestamped_signature: u64 then 64 Ed25519 bytes");
        assertEquals(1679315147L, ByteBuffer.wrap(sig, 0, 8).getLong());
        assertEquals(SPEC_COSIGNATURE + "\n", line.line(), "re-encodes byte for byte");
    }

    @Test
    void signedMessageIsTheSpecExample() {
        assertArrayEquals(SPEC_MESSAGE.getBytes(StandardCharsets.UTF_8), Cosigner.message(SPEC_CHECKPOINT, 1679315147L));
    }

    @Test
    void specNoteWithLogSignatureAndCosignatureParses() throws Exception {
        String note = SPEC_CHECKPOINT + "\n"
                + "\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n"
                + SPEC_COSIGNATURE + "\n";
        SignedNote parsed = SignedNote.parse(note);
        assertEquals(SPEC_CHECKPOINT, parsed.text());
        assertEquals(2, parsed.signatures().size());
        assertEquals(note, parsed.encode());
        CheckpointBody cp = CheckpointBody.parse(parsed.text());
        assertEquals("example.com/behind-the-sofa", cp.origin());
        assertEquals(20852163L, cp.size());
    }

    /**
     * signed-note, "Verifier keys": the example vkey and note. Checks the key ID rule
     * SHA-256(name || 0x0A || type || key)[:4] the cosignature key ID follows (with type 0x01
     * here), the vkey layout, and the note parsing, with the JDK's Ed25519 over the note text.
     */
    @Test
    void signedNoteSpecExampleVerifies() throws Exception {
        String vkey = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
        String note = "This is an example message.\n\n\u2014 example.com/foo "
                + "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";
        String[] parts = vkey.split("\\+");
        byte[] material = Base64.getDecoder().decode(parts[2]);
        assertEquals(0x01, material[0]);
        byte[] key = Arrays.copyOfRange(material, 1, material.length);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update((parts[0] + "\n").getBytes(StandardCharsets.UTF_8));
        sha.update(material);
        int id = ByteBuffer.wrap(sha.digest(), 0, 4).getInt();
        assertEquals(Integer.parseUnsignedInt(parts[1], 16), id);

        SignedNote parsed = SignedNote.parse(note);
        NoteSignature s = parsed.signatures().get(0);
        assertEquals(id, s.keyId());
        Signature ed = Signature.getInstance("Ed25519");
        ed.initVerify(Cosigner.publicKey(key));
        ed.update(parsed.text().getBytes(StandardCharsets.UTF_8));
        assertTrue(ed.verify(s.signature()));
    }

    @Test
    void cosignatureKeyIdAndVerifierKeyFollowTheSpec() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Cosigner c = new Cosigner("witness.example.org/w1", pair.getPrivate(), pair.getPublic());
        byte[] raw = c.publicKey();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update("witness.example.org/w1".getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0x0A);
        sha.update((byte) 0x04);
        sha.update(raw);
        int expected = ByteBuffer.wrap(sha.digest(), 0, 4).getInt();
        assertEquals(expected, c.keyId());
        assertEquals("witness.example.org/w1+" + String.format("%08x", expected) + "+"
                + Base64.getEncoder().encodeToString(ByteBuffer.allocate(33).put((byte) 4).put(raw).array()), c.verifierKey());

        NoteSignature line = c.cosign(SPEC_CHECKPOINT, 1679315147L);
        assertEquals(1679315147L, Cosigner.verify(c.name(), raw, SPEC_CHECKPOINT, line));
        assertEquals(-1, Cosigner.verify(c.name(), raw, SPEC_CHECKPOINT.replace("20852163", "20852164"), line));
        assertEquals(-1, Cosigner.verify("witness.example.org/w2", raw, SPEC_CHECKPOINT, line));
        assertThrows(IllegalArgumentException.class, () -> c.cosign(SPEC_CHECKPOINT, 0), "the timestamp is never zero");
    }

    @Test
    void keyFileIsCreatedPrivateAndReloadsToTheSameKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("witness.key");
        KeyPair first = WitnessKeys.loadOrCreate(file);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        KeyPair again = WitnessKeys.loadOrCreate(file);
        assertArrayEquals(first.getPublic().getEncoded(), again.getPublic().getEncoded());
        // The re-derived public key is the one the private key signs for.
        Signature ed = Signature.getInstance("Ed25519");
        ed.initSign(again.getPrivate());
        ed.update(new byte[] {1, 2, 3});
        byte[] sig = ed.sign();
        ed.initVerify(again.getPublic());
        ed.update(new byte[] {1, 2, 3});
        assertTrue(ed.verify(sig));
    }

    @Test
    void malformedNotesAreRefused() {
        for (String bad : new String[] {
                "no blank line\n\u2014 a AAAAAAA=\n",
                "text\n\n",
                "text\n\n\u2014 a AAAAAAA=",
                "text\n\n- a AAAAAAA=\n",
                "text\n\n\u2014 a+b AAAAAAA=\n",
                "text\n\n\u2014 a AAAA\n",
                "text\n\n\u2014 a !!!!\n",
                "te\u0001xt\n\n\u2014 a AAAAAAA=\n",
        }) {
            assertThrows(MalformedNoteException.class, () -> SignedNote.parse(bad), bad);
        }
    }
}
