package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.CtAcceptedRoots;
import online.hypermesh.trustchain.ca.api.CtLogService;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.Pem;

/**
 * Operator-added CT roots in the real server: {@code POST /api/v1/ct/roots} over HTTPS with the
 * admin token (201, then 200 for the same root, 400 problem+json for a certificate that is not a
 * self-signed CA, nothing stored for it), the log accepting chains to the new root as soon as the
 * addition answered, exactly one audit event, and a root that another node put in the table
 * (here: a plain INSERT) accepted within the reload period.
 */
@ExtendWith(ArquillianExtension.class)
class CtAcceptedRootsIT {
    private static final String BASE = "https://[::1]:" + (8443 + Integer.getInteger("jboss.socket.binding.port-offset", 0));
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    @Deployment
    static EnterpriseArchive deployment() {
        EnterpriseArchive ear = ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("trustchain.ear")));
        WebArchive web = ear.getAsType(WebArchive.class, "trustchain-web.war");
        web.addClasses(CtAcceptedRootsIT.class);
        ear.delete("trustchain-web.war");
        return ear.addAsModule(web);
    }

    @EJB
    CtAcceptedRoots roots;

    @EJB
    CtLogService log;

    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    @Test
    void post_addsARootOnce_andTheLogAcceptsChainsToItAtOnce() throws Exception {
        KeyPair rootKey = ecKey();
        KeyPair intermediateKey = ecKey();
        byte[] root = certificate("CN=IT Operator Root", "CN=IT Operator Root", rootKey.getPublic(), rootKey.getPrivate(), true);
        byte[] intermediate = certificate("CN=IT Operator Root", "CN=IT Operator CA", intermediateKey.getPublic(), rootKey.getPrivate(), true);
        byte[] leaf = certificate("CN=IT Operator CA", "CN=leaf.operator.example", ecKey().getPublic(), intermediateKey.getPrivate(), false);
        String fingerprint = sha256Hex(root);

        TrustChainException before = assertThrows(TrustChainException.class, () -> log.addChain(List.of(leaf, intermediate)));
        assertEquals(ErrorKind.MALFORMED_REQUEST, before.kind(), "a chain to an unknown root is refused");

        HttpResponse<String> created = post(Pem.certificate(root).getBytes(StandardCharsets.US_ASCII), "application/x-pem-file", adminToken());
        assertEquals(201, created.statusCode(), created.body());
        JsonObject view = json(created.body());
        assertEquals(fingerprint, view.getString("fingerprint"));
        assertEquals("operator", view.getString("source"));
        assertEquals("CN=IT Operator Root", view.getString("subject"));

        // No wait: the node that added the root reloads its log's roots when the addition commits.
        long index = log.addChain(List.of(leaf, intermediate)).leafIndex();
        assertTrue(index >= 0);
        assertTrue(log.roots().stream().anyMatch(r -> Arrays.equals(r, root)), "get-roots lists the new root");

        HttpResponse<String> again = post(root, "application/pkix-cert", adminToken());
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(fingerprint, json(again.body()).getString("fingerprint"));

        assertEquals(1, count("SELECT count(*) FROM ct_accepted_root WHERE fingerprint = ? AND source = 'operator'", fingerprint));
        assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'ct.root.added' AND object_id = ?", fingerprint),
                "one audit event, for the request that added it");

        HttpResponse<String> listed = get(adminToken());
        assertEquals(200, listed.statusCode(), listed.body());
        List<JsonObject> list = json(listed.body()).getJsonArray("roots").getValuesAs(JsonObject.class);
        assertEquals("trustchain", list.get(0).getString("source"), "TrustChain's own root comes first");
        assertTrue(list.stream().anyMatch(r -> r.getString("fingerprint").equals(fingerprint) && r.getString("source").equals("operator")
                && r.get("added_at").getValueType() == JsonValue.ValueType.STRING), listed.body());
    }

    @Test
    void post_refusesAnIntermediateAndAnEndEntity_with400NamingTheProblem_andStoresNothing() throws Exception {
        KeyPair rootKey = ecKey();
        byte[] intermediate = certificate("CN=IT Other Root", "CN=IT Not A Root", ecKey().getPublic(), rootKey.getPrivate(), true);
        KeyPair leafKey = ecKey();
        byte[] selfSignedLeaf = certificate("CN=IT Self Leaf", "CN=IT Self Leaf", leafKey.getPublic(), leafKey.getPrivate(), false);

        HttpResponse<String> notSelfSigned = post(intermediate, "application/pkix-cert", adminToken());
        assertEquals(400, notSelfSigned.statusCode());
        assertEquals("application/problem+json", notSelfSigned.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertTrue(json(notSelfSigned.body()).getString("detail").contains("not self-signed"), notSelfSigned.body());

        HttpResponse<String> notCa = post(selfSignedLeaf, "application/pkix-cert", adminToken());
        assertEquals(400, notCa.statusCode());
        assertTrue(json(notCa.body()).getString("detail").contains("not a CA certificate"), notCa.body());

        HttpResponse<String> garbage = post("not a certificate".getBytes(StandardCharsets.US_ASCII), "text/plain", adminToken());
        assertEquals(400, garbage.statusCode());

        assertEquals(0, count("SELECT count(*) FROM ct_accepted_root WHERE fingerprint = ?", sha256Hex(intermediate)));
        assertEquals(0, count("SELECT count(*) FROM ct_accepted_root WHERE fingerprint = ?", sha256Hex(selfSignedLeaf)));
    }

    @Test
    void add_needsAnAdmin_andPostNeedsAToken() throws Exception {
        KeyPair rootKey = ecKey();
        byte[] root = certificate("CN=IT Issuer Root", "CN=IT Issuer Root", rootKey.getPublic(), rootKey.getPrivate(), true);
        TrustChainException e = assertThrows(TrustChainException.class,
                () -> roots.add(root, new Caller("it-issuer", Caller.Role.ISSUER)));
        assertEquals(ErrorKind.FORBIDDEN, e.kind());
        assertEquals(401, post(root, "application/pkix-cert", null).statusCode());
        assertEquals(0, count("SELECT count(*) FROM ct_accepted_root WHERE fingerprint = ?", sha256Hex(root)));
    }

    @Test
    void rootAddedByAnotherNode_isAcceptedWithinTheReloadPeriod() throws Exception {
        KeyPair rootKey = ecKey();
        byte[] root = certificate("CN=IT Remote Root", "CN=IT Remote Root", rootKey.getPublic(), rootKey.getPrivate(), true);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO ct_accepted_root (fingerprint, certificate, source) VALUES (?, ?, 'operator')")) {
            ps.setBytes(1, HexFormat.of().parseHex(sha256Hex(root)));
            ps.setBytes(2, root);
            ps.executeUpdate();
        }
        long inserted = System.nanoTime();
        // The reload period is 10 s; allow for a loaded machine, but far less than "eventually".
        long deadline = inserted + Duration.ofSeconds(25).toNanos();
        while (log.roots().stream().noneMatch(r -> Arrays.equals(r, root))) {
            assertTrue(System.nanoTime() < deadline, "the log did not pick up a root added by another node within 25 s");
            Thread.sleep(200);
        }
        byte[] leaf = certificate("CN=IT Remote Root", "CN=leaf.remote.example", ecKey().getPublic(), rootKey.getPrivate(), false);
        assertTrue(log.addChain(List.of(leaf)).leafIndex() >= 0, "the log accepts a chain to it");
    }

    private HttpResponse<String> post(byte[] body, String type, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(BASE + "/api/v1/ct/roots")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String token) throws Exception {
        return client().send(HttpRequest.newBuilder(URI.create(BASE + "/api/v1/ct/roots")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient client() throws Exception {
        Path rootPem = Path.of(System.getProperty("trustchain.data.dir"), "root.pem");
        X509Certificate trustChainRoot = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(rootPem)));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", trustChainRoot);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLSv1.3");
        tls.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static String adminToken() throws Exception {
        return Files.readString(Path.of(System.getProperty("trustchain.data.dir"), "admin-token")).trim();
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    private long count(String sql, String fingerprintOrId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (sql.contains("fingerprint")) {
                ps.setBytes(1, HexFormat.of().parseHex(fingerprintOrId));
            } else {
                ps.setString(1, fingerprintOrId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String sha256Hex(byte[] der) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static byte[] certificate(String issuer, String subject, PublicKey key, PrivateKey signer, boolean ca) throws Exception {
        long now = System.currentTimeMillis();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(SERIAL.incrementAndGet()),
                new Date(now - 60_000), new Date(now + 86_400_000L), new X500Name(subject), key);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        }
        return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)).getEncoded();
    }
}
