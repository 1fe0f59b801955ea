package online.hypermesh.trustchain.witness.verifier;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;

import online.hypermesh.trustchain.ct.entry.MerkleTreeLeaf;
import online.hypermesh.trustchain.ct.entry.SignedEntry;
import online.hypermesh.trustchain.ct.entry.TimestampedEntry;
import online.hypermesh.trustchain.ct.merkle.MerkleHashes;
import online.hypermesh.trustchain.ct.merkle.ProofGenerator;
import online.hypermesh.trustchain.ct.sct.DigitallySigned;
import online.hypermesh.trustchain.ct.sct.SctList;
import online.hypermesh.trustchain.ct.sct.SignatureInputs;
import online.hypermesh.trustchain.ct.sct.SignedCertificateTimestamp;
import online.hypermesh.trustchain.witness.Cosigner;
import online.hypermesh.trustchain.witness.SignedNote;
import online.hypermesh.trustchain.witness.TestLog;
import online.hypermesh.trustchain.witness.client.WitnessEndpoint;

/**
 * A relying party's world on loopback: a root CA, a leaf with an AIA OCSP URL and an SCT embedded
 * the way the CA embeds it, an OCSP responder (the CA's own key signs, RFC 6960 4.2.2.2), and a CT
 * log over HTTP serving a checkpoint cosigned by some of three witnesses and RFC 6962 inclusion
 * proofs. Each knob breaks one thing.
 */
final class RelyingPartyFixture implements AutoCloseable {
    final KeyPair rootKey = TestLog.p256();
    final X509Certificate root;
    final TestLog log = new TestLog("ct.test.example/log");
    final List<Cosigner> cosigners = new ArrayList<>();
    final HttpServer server;
    final URI base;
    volatile boolean revoked;
    /** Who signs the OCSP responses. */
    volatile Responder responder = Responder.CA;
    private final Map<Responder, Delegate> delegates = new ConcurrentHashMap<>();

    /** The CA itself, or a delegated responder certificate embedded in the response (RFC 6960 4.2.2.2). */
    enum Responder {
        CA, DELEGATED, DELEGATED_WITHOUT_OCSP_SIGNING, DELEGATED_FORGED, DELEGATED_EXPIRED
    }

    private record Delegate(KeyPair key, X509CertificateHolder cert) {
    }
    /** How many of the three witnesses cosign the served checkpoint. */
    volatile int cosigning = 3;
    X509Certificate leaf;
    byte[] leafHash;

    /** The leaf's name in the mesh zone. */
    static final String LEAF_NAME = "leaf.hypermesh.online";

    RelyingPartyFixture() throws Exception {
        for (int i = 1; i <= 3; i++) {
            KeyPair p = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            cosigners.add(new Cosigner("witness.test.example/w" + i, p.getPrivate(), p.getPublic()));
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X500Name rootName = new X500Name("CN=Relying Party Test Root");
        X509v3CertificateBuilder rb = new JcaX509v3CertificateBuilder(rootName, BigInteger.ONE, Date.from(now.minus(1, ChronoUnit.DAYS)),
                Date.from(now.plus(30, ChronoUnit.DAYS)), rootName, rootKey.getPublic());
        rb.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        rb.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
        root = convert(rb.build(new JcaContentSignerBuilder("SHA256withECDSA").build(rootKey.getPrivate())));
        server.createContext("/ocsp", this::ocsp);
        server.createContext("/checkpoint", this::checkpoint);
        server.createContext("/ct/v1/get-proof-by-hash", this::proof);
        server.start();
    }

    /** Issues the leaf with an SCT signed by {@code sctSigner} (the log's key for a good SCT) and logs it if asked. */
    X509Certificate issue(KeyPair sctSigner, boolean logIt) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        KeyPair key = TestLog.p256();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=Relying Party Test Root"), BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(7, ChronoUnit.DAYS)), new X500Name("CN=leaf.test.example"), key.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        // One name in the mesh zone (TlsaCheckTest looks up its TLSA record) and one outside it.
        b.addExtension(Extension.subjectAlternativeName, false, new org.bouncycastle.asn1.x509.GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, LEAF_NAME), new GeneralName(GeneralName.dNSName, "leaf.test.example")}));
        b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                new AccessDescription(AccessDescription.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier, base + "ocsp"))));
        JcaContentSignerBuilder signer = new JcaContentSignerBuilder("SHA256withECDSA");
        // The precertificate's TBS is the final one without the SCT list: what the SCT signs.
        byte[] tbs = b.build(signer.build(rootKey.getPrivate())).toASN1Structure().getTBSCertificate().getEncoded(ASN1Encoding.DER);
        byte[] issuerKeyHash = MessageDigest.getInstance("SHA-256").digest(rootKey.getPublic().getEncoded());
        SignedEntry entry = SignedEntry.precert(issuerKeyHash, tbs);
        long timestamp = now.toEpochMilli();
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(sctSigner.getPrivate());
        s.update(SignatureInputs.certificateTimestamp(timestamp, entry, new byte[0]));
        SignedCertificateTimestamp sct = new SignedCertificateTimestamp(log.logKey().logId(), timestamp, new byte[0], new DigitallySigned(s.sign()));
        b.addExtension(new org.bouncycastle.asn1.ASN1ObjectIdentifier(SctList.EXTENSION_OID), false,
                new DEROctetString(SctList.encode(List.of(sct))));
        leaf = convert(b.build(signer.build(rootKey.getPrivate())));
        leafHash = MerkleHashes.leafHash(MerkleTreeLeaf.encode(new TimestampedEntry(timestamp, entry, new byte[0])));
        log.grow(5);
        if (logIt) {
            log.tree.append(leafHash);
        }
        log.grow(2);
        return leaf;
    }

    List<WitnessEndpoint> witnesses() {
        return cosigners.stream().map(c -> WitnessEndpoint.parse(c.verifierKey(), "http://127.0.0.1/")).toList();
    }

    private void checkpoint(HttpExchange x) throws IOException {
        SignedNote note;
        try {
            note = SignedNote.parse(log.checkpoint());
        } catch (online.hypermesh.trustchain.witness.MalformedNoteException e) {
            throw new IOException(e);
        }
        long t = System.currentTimeMillis() / 1000;
        for (int i = 0; i < cosigning; i++) {
            note = note.withSignature(cosigners.get(i).cosign(note.text(), t));
        }
        answer(x, 200, "text/plain; charset=utf-8", note.encode().getBytes(StandardCharsets.UTF_8));
    }

    private void proof(HttpExchange x) throws IOException {
        String q = x.getRequestURI().getRawQuery();
        byte[] hash = null;
        long size = -1;
        for (String kv : q.split("&")) {
            String[] p = kv.split("=", 2);
            if (p[0].equals("hash")) {
                hash = Base64.getDecoder().decode(URLDecoder.decode(p[1], StandardCharsets.UTF_8));
            } else if (p[0].equals("tree_size")) {
                size = Long.parseLong(p[1]);
            }
        }
        for (long i = 0; i < size; i++) {
            if (java.util.Arrays.equals(log.tree.nodeHashes(List.of(new online.hypermesh.trustchain.ct.merkle.NodeId(0, i))).get(0), hash)) {
                StringBuilder path = new StringBuilder();
                for (byte[] h : new ProofGenerator(log.tree).inclusionProof(i, size)) {
                    path.append(path.length() == 0 ? "" : ",").append('"').append(Base64.getEncoder().encodeToString(h)).append('"');
                }
                answer(x, 200, "application/json", ("{\"leaf_index\":" + i + ",\"audit_path\":[" + path + "]}").getBytes(StandardCharsets.UTF_8));
                return;
            }
        }
        answer(x, 404, "application/json", "{\"error_message\":\"no such leaf\"}".getBytes(StandardCharsets.UTF_8));
    }

    private void ocsp(HttpExchange x) throws IOException {
        try {
            byte[] der;
            if (x.getRequestMethod().equals("POST")) {
                der = readAll(x.getRequestBody());
            } else {
                String path = x.getRequestURI().getRawPath().substring("/ocsp/".length());
                der = Base64.getDecoder().decode(URLDecoder.decode(path, StandardCharsets.UTF_8));
            }
            OCSPReq req = new OCSPReq(der);
            Responder who = responder;
            X509CertificateHolder issuer = who == Responder.CA ? new JcaX509CertificateHolder(root) : delegates.computeIfAbsent(who, this::delegate).cert();
            PrivateKey signing = who == Responder.CA ? rootKey.getPrivate() : delegates.get(who).key().getPrivate();
            BasicOCSPRespBuilder rb = new BasicOCSPRespBuilder(new RespID(issuer.getSubject()));
            Date now = new Date();
            for (Req r : req.getRequestList()) {
                CertificateStatus status = revoked ? new RevokedStatus(new Date(now.getTime() - 60_000), CRLReason.keyCompromise) : CertificateStatus.GOOD;
                rb.addResponse(r.getCertID(), status, now, new Date(now.getTime() + 3_600_000));
            }
            BasicOCSPResp basic = rb.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signing),
                    new X509CertificateHolder[] {issuer}, now);
            OCSPResp resp = new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic);
            answer(x, 200, "application/ocsp-response", resp.getEncoded());
        } catch (Exception e) {
            answer(x, 500, "text/plain", e.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A responder certificate "issued" by the root: properly, without id-kp-OCSPSigning, by another key, or expired. */
    private Delegate delegate(Responder who) {
        try {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            KeyPair key = TestLog.p256();
            Instant notAfter = who == Responder.DELEGATED_EXPIRED ? now.minus(1, ChronoUnit.HOURS) : now.plus(7, ChronoUnit.DAYS);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=Relying Party Test Root"), BigInteger.valueOf(who.ordinal() + 100),
                    Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(notAfter), new X500Name("CN=Relying Party Test OCSP " + who), key.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            if (who != Responder.DELEGATED_WITHOUT_OCSP_SIGNING) {
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        KeyPurposeId.id_kp_OCSPSigning));
            }
            PrivateKey issuerKey = who == Responder.DELEGATED_FORGED ? TestLog.p256().getPrivate() : rootKey.getPrivate();
            return new Delegate(key, b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, body.length);
        x.getResponseBody().write(body);
        x.close();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        in.transferTo(o);
        return o.toByteArray();
    }

    private static X509Certificate convert(X509CertificateHolder h) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(h);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
