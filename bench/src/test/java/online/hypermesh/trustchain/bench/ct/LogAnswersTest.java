package online.hypermesh.trustchain.bench.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.ct.entry.CtExtensions;
import online.hypermesh.trustchain.ct.entry.SignedEntry;
import online.hypermesh.trustchain.ct.sct.DigitallySigned;
import online.hypermesh.trustchain.ct.submit.CertificateHashes;

class LogAnswersTest {
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private final KeyPair logKey = BenchPki.ecKey();
    private final BcLogSigner signer = new BcLogSigner(logKey);
    private final BenchPki pki = new BenchPki("Answers Test");
    private final byte[] leaf = pki.leaf("one");

    /** An add-chain answer as RFC 6962 4.1 and the server's CtJson write it. */
    private Map<String, String> answer(byte[] certificate, long index, long timestamp, BcLogSigner by) {
        byte[] extensions = CtExtensions.leafIndex(index);
        byte[] signature = by.sign(new online.hypermesh.trustchain.ct.sct.CertificateTimestampInput(timestamp, SignedEntry.x509(certificate), extensions));
        Map<String, String> m = new HashMap<>();
        m.put("sct_version", "0");
        m.put("id", B64.encodeToString(CertificateHashes.sha256(by.publicKey().getEncoded())));
        m.put("timestamp", Long.toString(timestamp));
        m.put("extensions", B64.encodeToString(extensions));
        m.put("signature", B64.encodeToString(new DigitallySigned(signature).encode()));
        return m;
    }

    private LogAnswers answers() throws GeneralSecurityException {
        return LogAnswers.fromLogJson(Map.of("key", B64.encodeToString(logKey.getPublic().getEncoded()),
                "log_id", B64.encodeToString(CertificateHashes.sha256(logKey.getPublic().getEncoded()))));
    }

    @Test
    void checkSct_acceptsARightSctAndReadsItsLeafIndex() throws Exception {
        LogAnswers.SctVerdict v = answers().checkSct(answer(leaf, 41, 1_763_798_400_000L, signer), leaf);
        assertTrue(v.ok(), v.problem());
        assertEquals(41, v.leafIndex());
        assertEquals(1_763_798_400_000L, v.timestamp());
    }

    @Test
    void checkSct_countsAnSctForAnotherCertificateOrFromAnotherKeyAsWrong() throws Exception {
        LogAnswers answers = answers();
        byte[] other = pki.leaf("two");
        assertFalse(answers.checkSct(answer(other, 1, 1000, signer), leaf).ok(), "signed over another certificate");

        Map<String, String> foreign = answer(leaf, 1, 1000, new BcLogSigner(BenchPki.ecKey()));
        assertEquals("id is not this log's LogID", answers.checkSct(foreign, leaf).problem());
        foreign.put("id", B64.encodeToString(CertificateHashes.sha256(logKey.getPublic().getEncoded())));
        assertTrue(answers.checkSct(foreign, leaf).problem().contains("does not verify"), "right id, wrong key");

        Map<String, String> shifted = answer(leaf, 7, 1000, signer);
        shifted.put("timestamp", "1001");
        assertFalse(answers.checkSct(shifted, leaf).ok(), "timestamp changed after signing");

        Map<String, String> noIndex = answer(leaf, 7, 1000, signer);
        noIndex.put("extensions", "");
        assertEquals("no leaf_index extension", answers.checkSct(noIndex, leaf).problem());

        Map<String, String> garbled = answer(leaf, 7, 1000, signer);
        garbled.put("signature", "%%%");
        assertFalse(answers.checkSct(garbled, leaf).ok());
        garbled.remove("signature");
        assertFalse(answers.checkSct(garbled, leaf).ok());
    }

    @Test
    void verifiedTreeSize_onlyForAHeadSignedByTheLogKey() throws Exception {
        byte[] root = CertificateHashes.sha256(new byte[] {1});
        byte[] signature = signer.sign(new online.hypermesh.trustchain.ct.sct.TreeHeadInput(5000, 12, root));
        Map<String, String> sth = new HashMap<>(Map.of("tree_size", "12", "timestamp", "5000",
                "sha256_root_hash", B64.encodeToString(root), "tree_head_signature", B64.encodeToString(new DigitallySigned(signature).encode())));
        LogAnswers answers = answers();
        assertEquals(12, answers.verifiedTreeSize(sth));
        sth.put("tree_size", "13");
        assertEquals(-1, answers.verifiedTreeSize(sth), "a head claiming more than was signed");
    }

    @Test
    void fromLogJson_refusesALogIdThatIsNotTheKeysHash() {
        assertThrows(GeneralSecurityException.class, () -> LogAnswers.fromLogJson(Map.of(
                "key", B64.encodeToString(logKey.getPublic().getEncoded()), "log_id", B64.encodeToString(new byte[32]))));
    }
}
