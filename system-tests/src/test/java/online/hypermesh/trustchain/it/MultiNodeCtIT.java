package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import online.hypermesh.trustchain.ct.entry.CtExtensions;
import online.hypermesh.trustchain.ct.entry.SignedEntry;
import online.hypermesh.trustchain.ct.merkle.ProofVerifier;
import online.hypermesh.trustchain.ct.sct.SctList;
import online.hypermesh.trustchain.ct.sct.SignatureInputs;
import online.hypermesh.trustchain.ct.sct.SignedCertificateTimestamp;
import online.hypermesh.trustchain.ct.submit.CertificateHashes;
import online.hypermesh.trustchain.ct.submit.TbsCertificates;
import online.hypermesh.trustchain.launcher.EmbeddedDatabase;

/**
 * Two TrustChain nodes, started the README way, on one PostgreSQL: exactly one sequences the CT
 * log, and the other still issues certificates with SCTs by forwarding its precertificates to
 * the leader (its own HTTPS certificate at start-up is issued that way too). When the leader
 * stops, the other node takes the lead and the log goes on from the same tree: the tree head
 * before and after are consistent, so the hand-over did not fork the log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodeCtIT {
    private static final int OFFSET_A = Integer.getInteger("it.blackbox.port.offset", 500);
    private static final int OFFSET_B = OFFSET_A + 100;

    private static Path work;
    private static EmbeddedDatabase database;
    private static RunningTrustChain nodeA;
    private static RunningTrustChain nodeB;

    @BeforeAll
    static void startTwoNodesOnOneDatabase() throws Exception {
        work = RunningTrustChain.freshWorkDirectory("multi-node-ct");
        database = EmbeddedDatabase.start(work.resolve("postgres"));
        Map<String, String> shared = new HashMap<>(Map.of("TRUSTCHAIN_DB_URL", database.jdbcUrl(), "TRUSTCHAIN_DB_USER", database.user(),
                "TRUSTCHAIN_DB_PASSWORD", database.password()));
        nodeA = RunningTrustChain.start(work.resolve("a"), OFFSET_A, shared);
        // The second node must unwrap the same keys: it shares the first node's operator secret.
        shared.put("TRUSTCHAIN_OPERATOR_SECRET_FILE", work.resolve("a").resolve("operator-secret").toString());
        nodeB = RunningTrustChain.start(work.resolve("b"), OFFSET_B, shared);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {nodeB, nodeA, database}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    @Order(1)
    void followerIssuesACertificateWhoseSctComesFromTheSharedLog() throws Exception {
        X509Certificate issued = issueOn(OFFSET_B, "follower-ct.hypermesh.online");
        SignedCertificateTimestamp sct = verifiedSct(issued);
        long leafIndex = CtExtensions.findLeafIndex(sct.extensions()).orElseThrow();

        String headA = get(OFFSET_A, "ct/v1/get-sth");
        String headB = get(OFFSET_B, "ct/v1/get-sth");
        assertEquals(field(headA, "sha256_root_hash"), field(headB, "sha256_root_hash"), "both nodes serve the one log");
        assertTrue(Long.parseLong(number(headB, "tree_size")) > leafIndex, "the entry is in the signed tree head when the SCT is returned");

        assertTrue(health(OFFSET_A).contains("\"ct-log\":\"UP: leading, tree size "), health(OFFSET_A));
        assertTrue(health(OFFSET_B).contains("\"ct-log\":\"UP: following, another node leads; tree size "), health(OFFSET_B));
    }

    @Test
    @Order(2)
    void aRevocationOnOneNodeReachesTheOtherNodesCachedOcspAnswer() throws Exception {
        List<String> chain = issueChainOn(OFFSET_A, "ocsp-cache.hypermesh.online");
        X509CertificateHolder leaf = new X509CertificateHolder(Base64.getMimeDecoder().decode(chain.get(0).replaceAll("-----[A-Z ]+-----", "")));
        X509CertificateHolder issuer = new X509CertificateHolder(Base64.getMimeDecoder().decode(chain.get(1).replaceAll("-----[A-Z ]+-----", "")));
        byte[] request = new org.bouncycastle.cert.ocsp.OCSPReqBuilder().addRequest(new org.bouncycastle.cert.ocsp.CertificateID(
                new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder().build().get(org.bouncycastle.cert.ocsp.CertificateID.HASH_SHA1),
                issuer, leaf.getSerialNumber())).build().getEncoded();

        byte[] first = ocspGet(OFFSET_B, request);
        assertEquals(null, singleStatus(first), "good on the other node");
        assertTrue(java.util.Arrays.equals(first, ocspGet(OFFSET_B, request)), "the second answer is the cached one, byte for byte");

        Path dataA = work.resolve("a");
        Commands.curl(work, dataA, "-f", "-H", "Authorization: Bearer " + Commands.adminToken(dataA), "-H", "Content-Type: application/json",
                "--data-binary", "{\"reason\":\"keyCompromise\"}",
                "https://[::1]:" + (8443 + OFFSET_A) + "/api/v1/ca/certificates/" + leaf.getSerialNumber().toString(16) + "/revoke").expectSuccess();
        assertTrue(singleStatus(ocspGet(OFFSET_A, request)) instanceof org.bouncycastle.cert.ocsp.RevokedStatus,
                "the revoking node answers revoked at once");
        // The other node learns of it from its once-a-second poll of the status changes.
        Instant deadline = Instant.now().plusSeconds(30);
        Object status = singleStatus(ocspGet(OFFSET_B, request));
        while (!(status instanceof org.bouncycastle.cert.ocsp.RevokedStatus) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            status = singleStatus(ocspGet(OFFSET_B, request));
        }
        assertTrue(status instanceof org.bouncycastle.cert.ocsp.RevokedStatus, "the other node's cached good answer was dropped");
    }

    private static byte[] ocspGet(int offset, byte[] request) throws Exception {
        String encoded = java.net.URLEncoder.encode(Base64.getEncoder().encodeToString(request), java.nio.charset.StandardCharsets.US_ASCII);
        java.net.http.HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://[::1]:" + (8080 + offset) + "/ocsp/" + encoded)).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    /** The only SingleResponse's status (null is good in Bouncy Castle) of a successful answer. */
    private static Object singleStatus(byte[] response) throws Exception {
        org.bouncycastle.cert.ocsp.OCSPResp parsed = new org.bouncycastle.cert.ocsp.OCSPResp(response);
        assertEquals(org.bouncycastle.cert.ocsp.OCSPResp.SUCCESSFUL, parsed.getStatus());
        return ((org.bouncycastle.cert.ocsp.BasicOCSPResp) parsed.getResponseObject()).getResponses()[0].getCertStatus();
    }

    @Test
    @Order(3)
    void whenTheLeaderStops_theOtherNodeTakesOver_andTheTreeGrowsConsistently() throws Exception {
        String before = get(OFFSET_B, "ct/v1/get-sth");
        assertTrue(nodeA.stop(), "the first node stops cleanly");

        X509Certificate issued = null;
        Instant deadline = Instant.now().plusSeconds(60);
        AssertionError last = null;
        while (issued == null && Instant.now().isBefore(deadline)) {
            try {
                issued = issueOn(OFFSET_B, "takeover-ct.hypermesh.online");
            } catch (AssertionError e) {
                last = e; // 503 until the advisory lock is free and this node leads
                Thread.sleep(500);
            }
        }
        if (issued == null) {
            throw new AssertionError("the remaining node did not take over the CT log within 60 s", last);
        }
        verifiedSct(issued);
        assertTrue(health(OFFSET_B).contains("\"ct-log\":\"UP: leading, tree size "), health(OFFSET_B));

        String after = get(OFFSET_B, "ct/v1/get-sth");
        long size1 = Long.parseLong(number(before, "tree_size"));
        long size2 = Long.parseLong(number(after, "tree_size"));
        assertTrue(size2 > size1);
        String proof = get(OFFSET_B, "ct/v1/get-sth-consistency?first=" + size1 + "&second=" + size2);
        List<byte[]> path = new ArrayList<>();
        Matcher m = Pattern.compile("\"([A-Za-z0-9+/=]{44})\"").matcher(proof.substring(proof.indexOf('[')));
        while (m.find()) {
            path.add(Base64.getDecoder().decode(m.group(1)));
        }
        ProofVerifier.verifyConsistency(size1, size2, Base64.getDecoder().decode(field(before, "sha256_root_hash")),
                Base64.getDecoder().decode(field(after, "sha256_root_hash")), path);
    }

    /** POST a DER CSR to the node's REST API with the admin token; the issued chain as PEM blocks. */
    private static List<String> issueChainOn(int offset, String name) throws Exception {
        Path csr = work.resolve(name + ".csr");
        Files.write(csr, TestCsr.forNames(name));
        Path dataA = work.resolve("a");
        Commands.Result r = Commands.curl(work, dataA, "-f", "-H", "Authorization: Bearer " + Commands.adminToken(dataA),
                "-H", "Content-Type: application/pkcs10", "--data-binary", "@" + csr,
                "https://[::1]:" + (8443 + offset) + "/api/v1/ca/certificates?profile=server");
        if (r.exit() != 0) {
            throw new AssertionError("issuance on the node at offset " + offset + " failed: " + r.err() + r.out());
        }
        return Commands.pemBlocks(r.out());
    }

    /** POST a DER CSR to the node's REST API with the admin token; the issued certificate. */
    private static X509Certificate issueOn(int offset, String name) throws Exception {
        Path csr = work.resolve(name + ".csr");
        Files.write(csr, TestCsr.forNames(name));
        Path dataA = work.resolve("a");
        Commands.Result r = Commands.curl(work, dataA, "-f", "-H", "Authorization: Bearer " + Commands.adminToken(dataA),
                "-H", "Content-Type: application/pkcs10", "--data-binary", "@" + csr,
                "https://[::1]:" + (8443 + offset) + "/api/v1/ca/certificates?profile=server");
        if (r.exit() != 0) {
            throw new AssertionError("issuance on the node at offset " + offset + " failed: " + r.err() + r.out());
        }
        String pem = Commands.pemBlocks(r.out()).get(0);
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    /** The certificate's one embedded SCT, after checking its signature with the key in /log.json. */
    @Test
    @Order(4)
    void bothNodesSealedOneAuditChain_thatAnExportVerifies() throws Exception {
        // Both nodes chained events on the shared database, taking turns under the chain lock; one chain results.
        String token = Commands.adminToken(work.resolve("a"));
        String base = "https://[::1]:" + (8443 + OFFSET_B) + "/api/v1/audit";
        Commands.curl(work, work.resolve("a"), "-f", "-o", "audit-key.pem", "-H", "Authorization: Bearer " + token, base + "/key")
                .expectSuccess();
        String from = java.time.Instant.now().minusSeconds(3600).toString();
        String to = java.time.Instant.now().plusSeconds(60).toString();
        Commands.curl(work, work.resolve("a"), "-f", "-o", "audit.bundle", "-H", "Authorization: Bearer " + token,
                base + "/export?from=" + from + "&to=" + to).expectSuccess();
        String nodes = java.nio.file.Files.readString(work.resolve("audit.bundle"));
        Commands.Result verified = Commands.run(work, "java", "-jar", Scripts.repo().resolve("witness/target/trustchain-witness.jar").toString(),
                "verify-audit", "audit.bundle", "--key", "audit-key.pem");
        assertEquals(0, verified.exit(), verified.out() + verified.err());
        assertTrue(verified.out().startsWith("OK: "), verified.out());
        assertTrue(nodes.lines().filter(l -> l.startsWith("event ")).count() > 10, "the issuances of both nodes are in it");
    }

    private static SignedCertificateTimestamp verifiedSct(X509Certificate certificate) throws Exception {
        X509CertificateHolder holder = new X509CertificateHolder(certificate.getEncoded());
        List<SignedCertificateTimestamp> scts = SctList.decode(
                ASN1OctetString.getInstance(holder.getExtension(TbsCertificates.SCT_LIST).getParsedValue()).getOctets());
        assertEquals(1, scts.size());
        SignedCertificateTimestamp sct = scts.get(0);

        String logJson = get(OFFSET_B, "log.json");
        PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(field(logJson, "key"))));
        String issuerPem = Commands.curl(work, work.resolve("a"), "https://[::1]:" + (8443 + OFFSET_B) + "/api/v1/ca/cert").expectSuccess().out();
        X509CertificateHolder issuer = new X509CertificateHolder(Base64.getMimeDecoder().decode(issuerPem.replaceAll("-----[A-Z ]+-----", "")));
        SignedEntry entry = SignedEntry.precert(CertificateHashes.sha256(issuer.getSubjectPublicKeyInfo().getEncoded()),
                TbsCertificates.tbsWithout(certificate.getEncoded(), TbsCertificates.SCT_LIST));
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(key);
        verifier.update(SignatureInputs.certificateTimestamp(sct.timestamp(), entry, sct.extensions()));
        assertTrue(verifier.verify(sct.signature().signature()), "the SCT verifies with the log key over the precertificate");
        return sct;
    }

    private static String get(int offset, String path) {
        return Commands.curl(work, work.resolve("a"), "-f", "https://[::1]:" + (6962 + offset) + "/" + path).expectSuccess().out();
    }

    private static String health(int offset) {
        return Commands.curl(work, work.resolve("a"), "-f", "https://[::1]:" + (8443 + offset) + "/health").expectSuccess().out();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    private static String number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }
}
