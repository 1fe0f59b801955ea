package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.certificatetransparency.ctlog.LogInfo;
import org.certificatetransparency.ctlog.LogSignatureVerifier;
import org.certificatetransparency.ctlog.ParsedLogEntry;
import org.certificatetransparency.ctlog.ParsedLogEntryWithProof;
import org.certificatetransparency.ctlog.SignedTreeHead;
import org.certificatetransparency.ctlog.comm.HttpLogClient;
import org.certificatetransparency.ctlog.comm.LogCommunicationException;
import org.certificatetransparency.ctlog.proto.Ct;
import org.certificatetransparency.ctlog.serialization.CTConstants;
import org.certificatetransparency.ctlog.serialization.Serializer;
import org.json.simple.JSONArray;
import org.json.simple.JSONObject;
import org.json.simple.JSONValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.protobuf.ByteString;

/**
 * The CT log from the outside, with a client we did not write: Google's Java CT client
 * (org.certificate-transparency:ctlog 0.1.0) parses the log's answers and verifies its SCT
 * signatures; RFC 9162 Merkle proofs are checked by {@link Rfc9162Proofs}, which shares no code
 * with the server's ct-log module. Its own TrustChain on port offset 1000 (API on 9443, CT log on
 * 7962; 800 would put classic DNS on 8853, the default DoQ port, and bench/README uses 900).
 *
 * <p>Workarounds for the 2017 client, each explained where it is used:
 * <ul>
 *   <li>transport replaced ({@link JdkHttpInvoker}): its HTTP client cannot trust our root;</li>
 *   <li>no STH signature check in the library: the TreeHeadSignature is serialized with its
 *       {@code Serializer} and verified with the JDK ({@link #verifySth});</li>
 *   <li>no get-proof-by-hash call and no Merkle verifier: fetched by hand, verified by {@link Rfc9162Proofs};</li>
 *   <li>its HTTP errors drop the body, so bad-input checks read status and problem+json directly.</li>
 * </ul>
 *
 * <p>Issuance may itself log precertificates (embedded SCTs), so the test never assumes an exact
 * tree size: it asserts growth caused by its own submissions and finds its entries by hash.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CtBlackBoxIT {
    private static final int OFFSET = 1000;
    private static final String API = "https://[::1]:" + (8443 + OFFSET);
    private static final String CT = "https://[::1]:" + (6962 + OFFSET);
    /** The log's RFC 6962 prefix, as Google's client wants it (with the trailing slash). */
    private static final String CT_V1 = CT + "/ct/v1/";

    @RegisterExtension
    static final BlackBoxServer TC = new BlackBoxServer("ct-blackbox", OFFSET);

    private static JdkHttps https;
    private static HttpLogClient google;
    private static PublicKey logKey;
    private static X509Certificate root;
    /** The first certificate this test submitted, shared by the methods that inspect it. */
    private static Logged first;

    /** A chain this test submitted with add-chain, the SCT it got, and the head right after. */
    private record Logged(List<Certificate> chain, Ct.SignedCertificateTimestamp sct, long leafIndex, SignedTreeHead headAfter) {
        X509Certificate leaf() {
            return (X509Certificate) chain.get(0);
        }
    }

    @BeforeAll
    static void clients() throws Exception {
        https = new JdkHttps(TC.data().resolve("root.pem"));
        google = new HttpLogClient(CT_V1, new JdkHttpInvoker(https));
        root = readPem(Files.readString(TC.data().resolve("root.pem"))).get(0);
    }

    @Test
    @Order(1)
    void rfc9162Verifier_acceptsAHandBuiltTree_andRejectsTampering() {
        // The test's own verifier, checked on a tree small enough to build by hand:
        // root = H(H(a, b), c); before c was appended the root was H(a, b).
        byte[] a = Rfc9162Proofs.leafHash(new byte[] {'a'});
        byte[] b = Rfc9162Proofs.leafHash(new byte[] {'b'});
        byte[] c = Rfc9162Proofs.leafHash(new byte[] {'c'});
        byte[] ab = Rfc9162Proofs.nodeHash(a, b);
        byte[] abc = Rfc9162Proofs.nodeHash(ab, c);
        assertTrue(Rfc9162Proofs.inclusionVerifies(0, 3, a, List.of(b, c), abc));
        assertTrue(Rfc9162Proofs.inclusionVerifies(1, 3, b, List.of(a, c), abc));
        assertTrue(Rfc9162Proofs.inclusionVerifies(2, 3, c, List.of(ab), abc));
        assertTrue(Rfc9162Proofs.consistencyVerifies(2, 3, ab, abc, List.of(c)));
        assertTrue(Rfc9162Proofs.consistencyVerifies(1, 3, a, abc, List.of(b, c)));
        assertFalse(Rfc9162Proofs.inclusionVerifies(1, 3, a, List.of(b, c), abc), "wrong index");
        assertFalse(Rfc9162Proofs.inclusionVerifies(2, 3, c, List.of(ab, ab), abc), "path too long");
        assertFalse(Rfc9162Proofs.consistencyVerifies(2, 3, ab, abc, List.of(a)), "wrong node");
        assertFalse(Rfc9162Proofs.consistencyVerifies(2, 3, ab, abc, List.of()), "empty proof");
    }

    @Test
    @Order(2)
    void logJson_logIdIsTheSha256OfTheKey_andGetSthVerifiesWithThatKey() throws Exception {
        JdkHttps.Response response = https.get(CT + "/log.json");
        assertEquals(200, response.status(), response.toString());
        JSONObject logJson = (JSONObject) JSONValue.parse(response.body());
        for (String field : List.of("description", "log_id", "key", "url", "mmd")) {
            assertNotNull(logJson.get(field), field + " in " + response.body());
        }
        byte[] spki = Base64.getDecoder().decode((String) logJson.get("key"));
        byte[] logId = Base64.getDecoder().decode((String) logJson.get("log_id"));
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(spki), logId, "log_id = SHA-256 of the DER SubjectPublicKeyInfo");
        // The JDK's EC key: Google's verifier picks SHA256withECDSA by the key's algorithm name "EC".
        logKey = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
        assertTrue(new LogInfo(logKey).isSameLogId(logId), "Google's LogInfo derives the same log ID");

        SignedTreeHead sth = google.getLogSTH();
        verifySth(sth);
        assertTrue(Math.abs(System.currentTimeMillis() - sth.timestamp) < 5 * 60_000, "the head is recent: " + sth.timestamp);

        List<Certificate> roots = google.getLogRoots();
        assertTrue(roots.contains(root), "get-roots lists TrustChain's root");
    }

    @Test
    @Order(3)
    void addChain_ofAnIssuedCertificate_givesAnSctThatGooglesVerifierAccepts() throws Exception {
        List<Certificate> chain = issue("ct-first.hypermesh.online");
        SignedTreeHead before = google.getLogSTH();

        Ct.SignedCertificateTimestamp sct = google.addCertificate(chain);

        assertTrue(new LogSignatureVerifier(new LogInfo(logKey)).verifySignature(sct, chain), "Google's LogSignatureVerifier accepts the SCT");
        assertEquals(Ct.Version.V1, sct.getVersion());
        long leafIndex = leafIndexExtension(sct);
        SignedTreeHead after = google.getLogSTH();
        verifySth(after);
        // Merge delay zero: the entry is in the head that is current when add-chain returns.
        assertTrue(after.treeSize >= before.treeSize + 1, "tree grew from " + before.treeSize + " to " + after.treeSize);
        assertTrue(leafIndex >= before.treeSize && leafIndex < after.treeSize, "leaf_index " + leafIndex + " is a new entry");
        assertTrue(sct.getTimestamp() <= after.timestamp, "the SCT is no younger than the head that covers it");

        // A flipped bit in the signed certificate must fail the same check, or it checks nothing.
        Ct.SignedCertificateTimestamp forged = sct.toBuilder().setTimestamp(sct.getTimestamp() + 1).build();
        assertFalse(new LogSignatureVerifier(new LogInfo(logKey)).verifySignature(forged, chain));
        first = new Logged(chain, sct, leafIndex, after);
    }

    @Test
    @Order(4)
    void getEntries_holdsTheSubmittedCertificate_withItsChainUpToTheRoot() throws Exception {
        List<ParsedLogEntry> entries = google.getLogEntries(first.leafIndex(), first.leafIndex());
        assertEquals(1, entries.size());
        ParsedLogEntry entry = entries.get(0);
        assertEquals(Ct.LogEntryType.X509_ENTRY, entry.getMerkleTreeLeaf().timestampedEntry.entryType);
        assertEquals(first.sct().getTimestamp(), entry.getMerkleTreeLeaf().timestampedEntry.timestamp);
        assertArrayEquals(first.leaf().getEncoded(), entry.getMerkleTreeLeaf().timestampedEntry.signedEntry.x509);
        assertArrayEquals(first.leaf().getEncoded(), entry.getLogEntry().x509Entry.leafCertificate);
        List<byte[]> extra = entry.getLogEntry().x509Entry.certificateChain;
        assertEquals(2, extra.size(), "extra_data: the intermediate we sent, then the accepted root the log appended");
        assertArrayEquals(first.chain().get(1).getEncoded(), extra.get(0));
        assertArrayEquals(root.getEncoded(), extra.get(1));

        // A range from our entry to far beyond the tree is cut at the tree's end (RFC 6962 4.6), not refused.
        List<ParsedLogEntry> cut = google.getLogEntries(first.leafIndex(), first.leafIndex() + 1_000_000);
        assertFalse(cut.isEmpty());
        assertArrayEquals(first.leaf().getEncoded(), cut.get(0).getMerkleTreeLeaf().timestampedEntry.signedEntry.x509);
    }

    @Test
    @Order(5)
    void inclusionProof_forTheLeafRebuiltFromTheSct_verifiesAgainstTheSignedRoot() throws Exception {
        byte[] leafHash = Rfc9162Proofs.leafHash(merkleTreeLeaf(first.leaf(), first.sct()));
        SignedTreeHead sth = google.getLogSTH();
        verifySth(sth);

        // Google's client 0.1.0 has no get-proof-by-hash: asked by hand, parsed with json-simple.
        JdkHttps.Response response = https.get(CT_V1 + "get-proof-by-hash?hash=" + URLEncoder.encode(Base64.getEncoder().encodeToString(leafHash),
                StandardCharsets.US_ASCII) + "&tree_size=" + sth.treeSize);
        assertEquals(200, response.status(), response.toString());
        JSONObject proof = (JSONObject) JSONValue.parse(response.body());
        assertEquals(first.leafIndex(), ((Number) proof.get("leaf_index")).longValue(), "the hash of the leaf we rebuilt from the SCT is our entry");
        List<byte[]> path = base64List((JSONArray) proof.get("audit_path"));
        assertTrue(Rfc9162Proofs.inclusionVerifies(first.leafIndex(), sth.treeSize, leafHash, path, sth.sha256RootHash));
        assertFalse(Rfc9162Proofs.inclusionVerifies(first.leafIndex(), sth.treeSize, Rfc9162Proofs.leafHash(new byte[] {1}), path, sth.sha256RootHash),
                "another leaf does not verify with the same path");

        // get-entry-and-proof through Google's client: the same path, for the same tree.
        ParsedLogEntryWithProof withProof = google.getLogEntryAndProof(first.leafIndex(), sth.treeSize);
        assertArrayEquals(first.leaf().getEncoded(), withProof.getParsedLogEntry().getMerkleTreeLeaf().timestampedEntry.signedEntry.x509);
        List<byte[]> googlePath = withProof.getAuditProof().pathNode;
        assertEquals(path.size(), googlePath.size());
        assertTrue(Rfc9162Proofs.inclusionVerifies(first.leafIndex(), sth.treeSize, leafHash, googlePath, sth.sha256RootHash));
    }

    @Test
    @Order(6)
    void consistencyProof_betweenHeadsBeforeAndAfterMoreSubmissions_verifies() throws Exception {
        SignedTreeHead older = google.getLogSTH();
        verifySth(older);
        google.addCertificate(issue("ct-second.hypermesh.online"));
        google.addCertificate(issue("ct-third.hypermesh.online"));
        SignedTreeHead newer = google.getLogSTH();
        verifySth(newer);
        assertTrue(newer.treeSize >= older.treeSize + 2, "tree grew from " + older.treeSize + " to " + newer.treeSize);

        for (SignedTreeHead old : List.of(older, first.headAfter())) {
            List<byte[]> proof = bytes(google.getSTHConsistency(old.treeSize, newer.treeSize));
            assertTrue(Rfc9162Proofs.consistencyVerifies(old.treeSize, newer.treeSize, old.sha256RootHash, newer.sha256RootHash, proof),
                    "consistency " + old.treeSize + " -> " + newer.treeSize);
            List<byte[]> tampered = new ArrayList<>(proof);
            tampered.set(tampered.size() - 1, Rfc9162Proofs.leafHash(new byte[] {2}));
            assertFalse(Rfc9162Proofs.consistencyVerifies(old.treeSize, newer.treeSize, old.sha256RootHash, newer.sha256RootHash, tampered));
        }
    }

    @Test
    @Order(7)
    void duplicateSubmission_returnsTheSameSct_andTheTreeDoesNotGrow() {
        long size = google.getLogSTH().treeSize;
        Ct.SignedCertificateTimestamp again = google.addCertificate(first.chain());
        assertEquals(first.sct(), again, "the same SCT (timestamp, extensions and signature)");
        assertArrayEquals(Serializer.serializeSctToBinary(first.sct()), Serializer.serializeSctToBinary(again));
        assertEquals(size, google.getLogSTH().treeSize);
    }

    @Test
    @Order(8)
    void addChain_withBadBase64_is400ProblemJson_andLogsNothing() {
        long size = google.getLogSTH().treeSize;
        JdkHttps.Response response = https.post(CT_V1 + "add-chain", "application/json", "{\"chain\": [\"not*base64!\"]}");
        JSONObject problem = problem(response, 400);
        assertTrue(((String) problem.get("detail")).contains("chain[0] is not valid base64"), response.toString());
        assertEquals(size, google.getLogSTH().treeSize);
    }

    @Test
    @Order(9)
    void addChain_toARootTheLogDoesNotAccept_is400ProblemJson_andLogsNothing() throws Exception {
        long size = google.getLogSTH().treeSize;
        List<Certificate> foreign = foreignChain();
        String body = "{\"chain\": [\"" + Base64.getEncoder().encodeToString(foreign.get(0).getEncoded()) + "\", \""
                + Base64.getEncoder().encodeToString(foreign.get(1).getEncoded()) + "\"]}";
        JSONObject problem = problem(https.post(CT_V1 + "add-chain", "application/json", body), 400);
        assertTrue(((String) problem.get("detail")).contains("does not lead to a root this log accepts"), problem.toJSONString());

        // Google's client sees the refusal as a communication error (its own invoker would not even keep the reason).
        LogCommunicationException refused = assertThrows(LogCommunicationException.class, () -> google.addCertificate(foreign));
        assertTrue(refused.getMessage().contains("400"), refused.getMessage());
        assertEquals(size, google.getLogSTH().treeSize);
    }

    @Test
    @Order(10)
    void getEntries_outOfRange_is400ProblemJson() {
        long size = google.getLogSTH().treeSize;
        JSONObject beyond = problem(https.get(CT_V1 + "get-entries?start=" + (size + 10) + "&end=" + (size + 20)), 400);
        assertTrue(((String) beyond.get("detail")).contains("beyond the tree (size " + size + ")"), beyond.toJSONString());
        JSONObject backwards = problem(https.get(CT_V1 + "get-entries?start=2&end=1"), 400);
        assertTrue(((String) backwards.get("detail")).contains("need 0 <= start <= end"), backwards.toJSONString());
        JSONObject notANumber = problem(https.get(CT_V1 + "get-entries?start=x&end=1"), 400);
        assertTrue(((String) notANumber.get("detail")).contains("'start' must be a decimal number"), notANumber.toJSONString());
        assertEquals(size, google.getLogSTH().treeSize);
    }

    @Test
    @Order(11)
    void health_listsTheCtLogCheck_leadingOnTheOnlyNode() {
        JdkHttps.Response response = https.get(API + "/health");
        assertEquals(200, response.status(), response.toString());
        JSONObject health = (JSONObject) JSONValue.parse(response.body());
        assertEquals("UP", health.get("status"), response.body());
        String ctLog = (String) ((JSONObject) health.get("checks")).get("ct-log");
        assertNotNull(ctLog, response.body());
        assertTrue(ctLog.startsWith("UP: leading, tree size "), response.body());
    }

    /**
     * Last, because it changes the hierarchy: after a root rollover the CA issues under the new
     * root's intermediates at once, so the log must accept the new root straight away (it would
     * otherwise refuse the precertificate and issuance would fail), and the new chain can be
     * logged with add-chain as well. The HTTPS listener keeps its certificate from the old root
     * until it is due, which is why the client still trusts the old root.pem.
     */
    @Test
    @Order(12)
    void afterARootRollover_issuanceCarriesAnSct_andTheLogAcceptsTheNewChain() throws Exception {
        X509Certificate intermediateBefore = (X509Certificate) issue("before-root-rollover.hypermesh.online").get(1);
        JdkHttps.Response rolled = https.post(API + "/api/v1/ca/authorities/root-g1/rollover", "application/json", "",
                "Authorization", "Bearer " + TC.token());
        assertEquals(200, rolled.status(), rolled.toString());

        List<Certificate> chain = issue("after-root-rollover.hypermesh.online");
        X509Certificate leaf = (X509Certificate) chain.get(0);
        X509Certificate intermediate = (X509Certificate) chain.get(1);
        assertNotEquals(intermediateBefore.getPublicKey(), intermediate.getPublicKey(), "the rollover gave the region a new intermediate");
        assertThrows(java.security.SignatureException.class, () -> intermediate.verify(root.getPublicKey()),
                "the new intermediate is signed by the new root, not the original one");
        assertNotNull(leaf.getExtensionValue("1.3.6.1.4.1.11129.2.4.2"), "the certificate embeds its SCT");

        long before = google.getLogSTH().treeSize;
        Ct.SignedCertificateTimestamp sct = google.addCertificate(chain);
        assertTrue(leafIndexExtension(sct) >= before, "the new chain was logged as a new entry");
    }

    /**
     * RFC 6962 3.5: the log signs a TreeHeadSignature (version v1, signature_type tree_hash,
     * timestamp, tree_size, root hash). Google's 0.1.0 parses the STH but never checks its
     * signature ("The signature of the Signed Tree Head component is not verified"), so the
     * structure is serialized with its {@link Serializer} and verified with the JDK.
     */
    private static void verifySth(SignedTreeHead sth) throws Exception {
        assertEquals(Ct.DigitallySigned.HashAlgorithm.SHA256, sth.signature.getHashAlgorithm());
        assertEquals(Ct.DigitallySigned.SignatureAlgorithm.ECDSA, sth.signature.getSigAlgorithm());
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        Serializer.writeUint(signed, Ct.Version.V1_VALUE, CTConstants.VERSION_LENGTH);
        Serializer.writeUint(signed, 1, 1); // SignatureType tree_hash
        Serializer.writeUint(signed, sth.timestamp, CTConstants.TIMESTAMP_LENGTH);
        Serializer.writeUint(signed, sth.treeSize, 8);
        Serializer.writeFixedBytes(signed, sth.sha256RootHash);
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(logKey);
        verifier.update(signed.toByteArray());
        assertTrue(verifier.verify(sth.signature.getSignature().toByteArray()), "STH of size " + sth.treeSize + " verifies with the log key");
    }

    /**
     * The MerkleTreeLeaf (RFC 6962 3.4) of an X.509 entry, rebuilt from the certificate and its
     * SCT with Google's {@link Serializer}: v1, timestamped_entry, the SCT's timestamp, x509_entry,
     * the DER certificate, and the SCT's extensions (which the log repeats in the leaf).
     */
    private static byte[] merkleTreeLeaf(X509Certificate leaf, Ct.SignedCertificateTimestamp sct) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Serializer.writeUint(out, Ct.Version.V1_VALUE, CTConstants.VERSION_LENGTH);
        Serializer.writeUint(out, 0, 1); // MerkleLeafType timestamped_entry
        Serializer.writeUint(out, sct.getTimestamp(), CTConstants.TIMESTAMP_LENGTH);
        Serializer.writeUint(out, Ct.LogEntryType.X509_ENTRY_VALUE, CTConstants.LOG_ENTRY_TYPE_LENGTH);
        Serializer.writeVariableLength(out, leaf.getEncoded(), CTConstants.MAX_CERTIFICATE_LENGTH);
        Serializer.writeVariableLength(out, sct.getExtensions().toByteArray(), CTConstants.MAX_EXTENSIONS_LENGTH);
        return out.toByteArray();
    }

    /**
     * The static-ct-api leaf_index extension of an SCT: type 0, a two-byte length of 5, then the
     * index as a big-endian 40-bit number. Read by hand: Google's 0.1.0 keeps SCT extensions as
     * opaque bytes (and skips the TimestampedEntry's extensions when it parses an entry).
     */
    private static long leafIndexExtension(Ct.SignedCertificateTimestamp sct) {
        byte[] ext = sct.getExtensions().toByteArray();
        assertEquals(8, ext.length, "one extension, leaf_index");
        assertEquals(0, ext[0], "extension type leaf_index(0)");
        assertEquals(5, ((ext[1] & 0xff) << 8) | (ext[2] & 0xff), "leaf_index is 5 bytes");
        return new BigInteger(1, Arrays.copyOfRange(ext, 3, 8)).longValueExact();
    }

    /** A problem+json answer with this status; returns its body. */
    private static JSONObject problem(JdkHttps.Response response, int status) {
        assertEquals(status, response.status(), response.toString());
        assertEquals("application/problem+json", response.contentType(), response.toString());
        JSONObject problem = (JSONObject) JSONValue.parse(response.body());
        assertEquals(status, ((Number) problem.get("status")).intValue(), response.body());
        assertNotNull(problem.get("type"), response.body());
        assertNotNull(problem.get("title"), response.body());
        assertFalse(((String) problem.get("detail")).isBlank(), response.body());
        return problem;
    }

    /** Issues a server certificate through the CA's REST API (JSON, admin token); returns leaf and intermediate. */
    private static List<Certificate> issue(String name) throws Exception {
        String csrPem = "-----BEGIN CERTIFICATE REQUEST-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(TestCsr.forNames(name))
                + "\n-----END CERTIFICATE REQUEST-----\n";
        String json = "{\"csr\": \"" + csrPem.replace("\n", "\\n") + "\", \"profile\": \"server\"}";
        JdkHttps.Response response = https.post(API + "/api/v1/ca/certificates", "application/json", json,
                "Authorization", "Bearer " + TC.token());
        assertEquals(201, response.status(), response.toString());
        JSONObject issued = (JSONObject) JSONValue.parse(response.body());
        List<Certificate> chain = new ArrayList<>(readPem((String) issued.get("certificate")));
        for (Object pem : (JSONArray) issued.get("chain")) {
            chain.addAll(readPem((String) pem));
        }
        assertEquals(2, chain.size(), "leaf and issuing intermediate: " + response.body());
        return chain;
    }

    /** A leaf and a self-signed CA that TrustChain's log has never heard of. */
    private static List<Certificate> foreignChain() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair caKey = g.generateKeyPair();
        KeyPair leafKey = g.generateKeyPair();
        Date from = new Date(System.currentTimeMillis() - 60_000);
        Date to = new Date(System.currentTimeMillis() + 86_400_000);
        X500Name caName = new X500Name("CN=Not An Accepted Root");
        JcaContentSignerBuilder signer = new JcaContentSignerBuilder("SHA256withECDSA");
        X509Certificate ca = new JcaX509CertificateConverter().getCertificate(
                new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, from, to, caName, caKey.getPublic())
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                        .build(signer.build(caKey.getPrivate())));
        X509Certificate leaf = new JcaX509CertificateConverter().getCertificate(
                new JcaX509v3CertificateBuilder(caName, BigInteger.TWO, from, to, new X500Name("CN=foreign.example"), leafKey.getPublic())
                        .build(signer.build(caKey.getPrivate())));
        return List.of(leaf, ca);
    }

    private static List<X509Certificate> readPem(String pem) throws Exception {
        List<X509Certificate> out = new ArrayList<>();
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
            out.add((X509Certificate) c);
        }
        return out;
    }

    private static List<byte[]> base64List(JSONArray array) {
        List<byte[]> out = new ArrayList<>();
        for (Object o : array) {
            out.add(Base64.getDecoder().decode((String) o));
        }
        return out;
    }

    private static List<byte[]> bytes(List<ByteString> nodes) {
        return nodes.stream().map(ByteString::toByteArray).toList();
    }
}
