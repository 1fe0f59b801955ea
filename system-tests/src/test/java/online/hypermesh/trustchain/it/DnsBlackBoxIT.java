package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import online.hypermesh.trustchain.doq.quic.NettyDoqClient;

/**
 * The mesh DNS from the outside: its own TrustChain on port offset 700 (classic DNS on 8753, DoQ on
 * 9553), queried with dig (a missing dig fails the test; .ci/run installs it), changed through the
 * REST API with curl, and TLSA records checked against openssl's view of the certificate's key.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DnsBlackBoxIT {
    private static final int OFFSET = 700;
    private static final String BASE = "https://[::1]:" + (8443 + OFFSET);
    private static final String DNS_PORT = Integer.toString(8053 + OFFSET);
    /** "Changes must be visible within a second." */
    private static final long VISIBLE_WITHIN_MILLIS = 1000;

    @RegisterExtension
    static final BlackBoxServer TC = new BlackBoxServer("dns-blackbox", OFFSET);
    private static final Path work = TC.work();
    private static final Path data = TC.data();

    @Test
    @Order(1)
    void aaaa_seededNamesAnswerOverUdpAndTcp() {
        assertEquals("::1", dig("AAAA", "trust.hypermesh.online"));
        assertEquals("::1", dig("+tcp", "AAAA", "caesar.hypermesh.online"));
        Commands.Result full = Commands.run(work, "dig", "@::1", "-p", DNS_PORT, "AAAA", "nothing-here.hypermesh.online").expectSuccess();
        assertTrue(full.out().contains("status: NXDOMAIN") && full.out().contains(" aa"), full.out());
    }

    @Test
    @Order(2)
    void caa_atTheApexNamesThisCa() {
        assertEquals("0 issue \"trust.hypermesh.online\"", dig("CAA", "hypermesh.online"));
    }

    @Test
    @Order(3)
    void tlsa_followsIssuanceAndRevocation() throws Exception {
        String serial = issueServerCertificate("web");
        String expected = "3 1 1 " + spkiSha256("web.pem");
        String owner = "_443._tcp.web.hypermesh.online";
        assertEquals(expected, awaitTlsa(owner, expected::equals), "TLSA right after issuance");

        assertEquals("200", revoke(serial, "keyCompromise"));
        assertEquals("", awaitTlsa(owner, String::isEmpty), "TLSA gone after revocation");
    }

    @Test
    @Order(4)
    void tlsa_holdRemovesAndReleaseRestores() throws Exception {
        String serial = issueServerCertificate("hold");
        String expected = "3 1 1 " + spkiSha256("hold.pem");
        String owner = "_443._tcp.hold.hypermesh.online";
        assertEquals(expected, awaitTlsa(owner, expected::equals));
        assertEquals("200", revoke(serial, "certificateHold"));
        assertEquals("", awaitTlsa(owner, String::isEmpty), "on hold: no TLSA");
        assertEquals("200", revoke(serial, "removeFromCRL"));
        assertEquals(expected, awaitTlsa(owner, expected::equals), "hold released: TLSA back");
    }

    @Test
    @Order(5)
    void records_putGetDelete_visibleInDns() throws Exception {
        Files.writeString(work.resolve("aaaa.json"), "{\"aaaa\": [\"2001:db8::42\", \"2001:DB8:0::43\"]}");
        Commands.Result put = curl("-o", "put.out", "-w", "%{http_code}", "-X", "PUT", "-H", "Content-Type: application/json",
                "--data-binary", "@aaaa.json", BASE + "/api/v1/dns/records/registry");
        assertEquals("200", put.expectSuccess().out(), Files.readString(work.resolve("put.out")));
        long deadline = System.currentTimeMillis() + VISIBLE_WITHIN_MILLIS;
        String answer;
        do {
            answer = dig("AAAA", "registry.hypermesh.online");
        } while (!answer.equals("2001:db8::42\n2001:db8::43") && System.currentTimeMillis() < deadline);
        assertEquals("2001:db8::42\n2001:db8::43", answer);

        String list = curl("-f", BASE + "/api/v1/dns/records").expectSuccess().out();
        assertTrue(list.contains("{\"aaaa\":[\"2001:db8::42\",\"2001:db8::43\"],\"name\":\"registry.hypermesh.online.\"}")
                || list.contains("{\"name\":\"registry.hypermesh.online.\",\"aaaa\":[\"2001:db8::42\",\"2001:db8::43\"]}"), list);
        assertTrue(list.contains("trust.hypermesh.online."), list);

        Commands.Result delete = curl("-o", "/dev/null", "-w", "%{http_code}", "-X", "DELETE", BASE + "/api/v1/dns/records/registry.hypermesh.online.");
        assertEquals("204", delete.expectSuccess().out());
        deadline = System.currentTimeMillis() + VISIBLE_WITHIN_MILLIS;
        do {
            answer = dig("AAAA", "registry.hypermesh.online");
        } while (!answer.isEmpty() && System.currentTimeMillis() < deadline);
        assertEquals("", answer);
    }

    @Test
    @Order(6)
    void records_invalidInput_isProblemJson400_andStoresNothing() throws Exception {
        for (String[] bad : List.of(
                new String[] {"bad_name", "{\"aaaa\": [\"2001:db8::1\"]}"},
                new String[] {"elsewhere.example.org.", "{\"aaaa\": [\"2001:db8::1\"]}"},
                new String[] {"good", "{\"aaaa\": [\"192.0.2.1\"]}"},
                new String[] {"good", "{\"aaaa\": [\"not-an-address\"]}"},
                new String[] {"good", "{\"aaaa\": []}"},
                new String[] {"good", "{\"a\": [\"2001:db8::1\"]}"})) {
            Files.writeString(work.resolve("bad.json"), bad[1]);
            Commands.Result r = curl("-D", "headers.out", "-o", "body.out", "-w", "%{http_code}", "-X", "PUT",
                    "-H", "Content-Type: application/json", "--data-binary", "@bad.json", BASE + "/api/v1/dns/records/" + bad[0]);
            String body = Files.readString(work.resolve("body.out"));
            assertEquals("400", r.expectSuccess().out(), bad[0] + " " + bad[1] + ": " + body);
            assertTrue(Files.readString(work.resolve("headers.out")).toLowerCase(Locale.ROOT).contains("content-type: application/problem+json"), body);
            assertTrue(body.contains("\"detail\""), body);
        }
        assertEquals("", dig("AAAA", "good.hypermesh.online"));
        Commands.Result unauthenticated = Commands.run(work, "curl", "-sS", "--cacert", data.resolve("root.pem").toString(),
                "-o", "/dev/null", "-w", "%{http_code}", BASE + "/api/v1/dns/records");
        assertEquals("401", unauthenticated.expectSuccess().out());
    }

    @Test
    @Order(7)
    void doq_answersOverQuicWithACertificateFromThisCa() throws Exception {
        Message query = Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString("trust.hypermesh.online."), Type.AAAA, DClass.IN));
        query.getHeader().setID(0); // RFC 9250 4.2.1: the ID is 0 on DoQ
        X509Certificate root;
        try (var in = Files.newInputStream(data.resolve("root.pem"))) {
            root = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        byte[] wire;
        try (NettyDoqClient client = new NettyDoqClient(new InetSocketAddress("::1", 8853 + OFFSET), "trust.hypermesh.online", root)) {
            wire = client.exchange(query.toWire()).get(10, TimeUnit.SECONDS);
        }
        Message response = new Message(wire);
        assertEquals(Rcode.NOERROR, response.getRcode());
        assertEquals(0, response.getHeader().getID());
        List<org.xbill.DNS.Record> answers = response.getSection(Section.ANSWER);
        assertEquals(1, answers.size(), response.toString());
        assertEquals("::1", ((AAAARecord) answers.get(0)).getAddress().getHostAddress().replace("0:0:0:0:0:0:0:1", "::1"));
    }

    private static String issueServerCertificate(String host) throws Exception {
        Commands.run(work, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", host + ".key").expectSuccess();
        Commands.run(work, "openssl", "req", "-new", "-key", host + ".key", "-subj", "/CN=" + host + ".hypermesh.online",
                "-addext", "subjectAltName=DNS:" + host + ".hypermesh.online", "-out", host + ".csr").expectSuccess();
        Commands.Result post = curl("-o", host + "-chain.pem", "-w", "%{http_code}", "-H", "Content-Type: application/pkcs10",
                "--data-binary", "@" + host + ".csr", BASE + "/api/v1/ca/certificates?profile=server");
        assertEquals("201", post.expectSuccess().out(), Files.readString(work.resolve(host + "-chain.pem")));
        Commands.run(work, "openssl", "x509", "-in", host + "-chain.pem", "-out", host + ".pem").expectSuccess();
        return Commands.run(work, "openssl", "x509", "-in", host + ".pem", "-noout", "-serial").expectSuccess().out()
                .trim().substring("serial=".length()).toLowerCase(Locale.ROOT).replaceFirst("^0+", "");
    }

    /** The DANE 3 1 1 association data as openssl computes it: SHA-256 over the DER SubjectPublicKeyInfo. */
    private static String spkiSha256(String pemFile) {
        String out = Commands.run(work, "sh", "-c", "openssl x509 -in " + pemFile
                + " -pubkey -noout | openssl pkey -pubin -outform DER | sha256sum").expectSuccess().out();
        return out.trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
    }

    private static String revoke(String serial, String reason) throws Exception {
        Files.writeString(work.resolve("revoke.json"), "{\"reason\":\"" + reason + "\"}");
        return curl("-o", "revoke.out", "-w", "%{http_code}", "-H", "Content-Type: application/json",
                "--data-binary", "@revoke.json", BASE + "/api/v1/ca/certificates/" + serial + "/revoke").expectSuccess().out();
    }

    /** Queries until the normalised TLSA answer matches, for at most a second; returns the last answer. */
    private static String awaitTlsa(String owner, Predicate<String> done) {
        long deadline = System.currentTimeMillis() + VISIBLE_WITHIN_MILLIS;
        String answer;
        do {
            // dig splits long hex into groups; join them and compare in lower case.
            String raw = dig("TLSA", owner);
            String[] fields = raw.split("\\s+");
            answer = raw.isEmpty() || fields.length < 4 ? raw
                    : (fields[0] + " " + fields[1] + " " + fields[2] + " " + String.join("", Arrays.copyOfRange(fields, 3, fields.length))).toLowerCase(Locale.ROOT);
        } while (!done.test(answer) && System.currentTimeMillis() < deadline);
        return answer;
    }

    /** dig +short against the test server; trimmed output, one record per line. */
    private static String dig(String... query) {
        List<String> command = new ArrayList<>(List.of("dig", "@::1", "-p", DNS_PORT, "+short", "+tries=1", "+time=2"));
        command.addAll(List.of(query));
        return Commands.run(work, command).expectSuccess().out().trim();
    }

    /** curl with the admin token. */
    private static Commands.Result curl(String... args) {
        List<String> withToken = new ArrayList<>(List.of("-H", "Authorization: Bearer " + Commands.adminToken(data)));
        withToken.addAll(List.of(args));
        return Commands.curl(work, data, withToken.toArray(new String[0]));
    }
}
