package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import online.hypermesh.trustchain.doq.classic.UdpReplies;

/**
 * TrustChain as strict relying parties and clients see it, with their own tools: the chain and
 * the CRLs fetched over HTTP from the URLs in the certificates, checked with {@code openssl verify
 * -crl_check_all} (every certificate of the chain, the root included, with and without delta
 * CRLs); CA names with a country and the right policy per profile; TLS listeners that refuse
 * expensive key-exchange groups; JSON bodies with trailing content refused; DNS responses sent
 * to the DNS port never answered; an intermediate revoked through the API failing the chain and
 * answered revoked by the root's OCSP responder. Its own TrustChain, on port offset 1300.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StrictRelyingPartyIT {
    private static final int OFFSET = 1300;
    private static final String BASE = "https://[::1]:" + (8443 + OFFSET);
    private static final String CT = "https://[::1]:" + (6962 + OFFSET);
    private static final String HTTP = "http://[::1]:" + (8080 + OFFSET);
    private static final Pattern URI = Pattern.compile("URI:(http://[^\\s,]+)");

    @RegisterExtension
    static final BlackBoxServer TC = new BlackBoxServer("strict-relying-party", OFFSET, BlackBoxServer.withDocumentationPrefixes());
    private static final Path work = TC.work();
    private static final Path data = TC.data();
    private static String serial;

    private static Commands.Result curl(String... args) {
        return TC.curl(args);
    }

    private static Commands.Result openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        return Commands.run(work, command);
    }

    private static Commands.Result issue(String name, String profile, String extraSan) throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", name + ".key").expectSuccess();
        openssl("req", "-new", "-key", name + ".key", "-subj", "/CN=" + name + ".hypermesh.online",
                "-addext", "subjectAltName=DNS:" + name + ".hypermesh.online" + extraSan, "-out", name + ".csr").expectSuccess();
        return curl("-o", name + "-chain.pem", "-w", "%{http_code}", "-H", "Authorization: Bearer " + TC.token(),
                "-H", "Content-Type: application/pkcs10", "--data-binary", "@" + name + ".csr",
                BASE + "/api/v1/ca/certificates?profile=" + profile).expectSuccess();
    }

    /** The URL in one extension of a certificate or CRL, moved to this test server's HTTP port. */
    private static String url(String text, String extensionHeading) {
        int at = text.indexOf(extensionHeading);
        assertTrue(at >= 0, extensionHeading + " missing in " + text);
        Matcher m = URI.matcher(text.substring(at));
        assertTrue(m.find(), text);
        return m.group(1).replaceFirst("^http://[^/]+", HTTP);
    }

    /** Downloads a DER CRL and stores it as PEM, as openssl -CRLfile reads it. */
    private static String fetchCrl(String url, String pemFile) {
        Commands.Result fetched = curl("-o", pemFile + ".der", "-w", "%{http_code} %{content_type}", url).expectSuccess();
        assertEquals("200 application/pkix-crl", fetched.out(), url);
        openssl("crl", "-inform", "DER", "-in", pemFile + ".der", "-out", pemFile).expectSuccess();
        return openssl("crl", "-in", pemFile, "-noout", "-text").expectSuccess().out();
    }

    /**
     * Follows the chain as a relying party does: the leaf's CRL distribution point gives the
     * intermediate's CRL, the intermediate's gives the root's, and each full CRL's Freshest CRL
     * gives its delta.
     */
    private static void fetchCrls() throws Exception {
        String leaf = openssl("x509", "-in", "leaf.pem", "-noout", "-text").expectSuccess().out();
        String intermediate = openssl("x509", "-in", "intermediate.pem", "-noout", "-text").expectSuccess().out();
        String intermediateCrl = fetchCrl(url(leaf, "CRL Distribution Points"), "intermediate-crl.pem");
        String rootCrl = fetchCrl(url(intermediate, "CRL Distribution Points"), "root-crl.pem");
        fetchCrl(url(intermediateCrl, "Freshest CRL"), "intermediate-delta.pem");
        fetchCrl(url(rootCrl, "Freshest CRL"), "root-delta.pem");
        Files.writeString(work.resolve("full-crls.pem"), Files.readString(work.resolve("intermediate-crl.pem")) + Files.readString(work.resolve("root-crl.pem")));
        Files.writeString(work.resolve("all-crls.pem"), Files.readString(work.resolve("full-crls.pem"))
                + Files.readString(work.resolve("intermediate-delta.pem")) + Files.readString(work.resolve("root-delta.pem")));
    }

    private static Commands.Result verifyWithCrls(boolean deltas) {
        return verifyWithCrls(deltas, "leaf.pem");
    }

    private static Commands.Result verifyWithCrls(boolean deltas, String leaf) {
        List<String> args = new ArrayList<>(List.of("verify", "-crl_check_all"));
        if (deltas) {
            args.add("-use_deltas");
        }
        args.addAll(List.of("-CAfile", data.resolve("root.pem").toString(), "-untrusted", "intermediate.pem",
                "-CRLfile", deltas ? "all-crls.pem" : "full-crls.pem", leaf));
        return openssl(args.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void goodChain_passesCrlCheckAll_withAndWithoutDeltas() throws Exception {
        assertEquals("201", issue("leaf", "server", "").out());
        List<String> pems = Commands.pemBlocks(Files.readString(work.resolve("leaf-chain.pem")));
        Files.writeString(work.resolve("leaf.pem"), pems.get(0));
        Files.writeString(work.resolve("intermediate.pem"), pems.get(1));
        serial = openssl("x509", "-in", "leaf.pem", "-noout", "-serial").expectSuccess().out().trim().substring("serial=".length());
        fetchCrls();
        for (boolean deltas : new boolean[] {false, true}) {
            Commands.Result r = verifyWithCrls(deltas);
            assertEquals(0, r.exit(), "use_deltas=" + deltas + ": " + r.out() + r.err());
            assertTrue(r.out().contains("leaf.pem: OK"), r.out() + r.err());
        }
    }

    @Test
    @Order(2)
    void revokedLeaf_failsCrlCheckAll_withAndWithoutDeltas() throws Exception {
        Files.writeString(work.resolve("revoke.json"), "{\"reason\": \"keyCompromise\"}");
        curl("-f", "-H", "Authorization: Bearer " + TC.token(), "-H", "Content-Type: application/json", "--data-binary", "@revoke.json",
                BASE + "/api/v1/ca/certificates/" + serial.toLowerCase(Locale.ROOT).replaceFirst("^0+", "") + "/revoke").expectSuccess();
        String listed = "Serial Number: " + serial.toUpperCase(Locale.ROOT);
        // The CRLs are re-signed right after the revocation commits; a relying party fetching at once may see the old ones.
        String full = "";
        String delta = "";
        for (int attempt = 0; attempt < 100 && !(full.contains(listed) && delta.contains(listed)); attempt++) {
            Thread.sleep(attempt == 0 ? 0 : 100);
            fetchCrls();
            full = openssl("crl", "-in", "intermediate-crl.pem", "-noout", "-text").expectSuccess().out();
            delta = openssl("crl", "-in", "intermediate-delta.pem", "-noout", "-text").expectSuccess().out();
        }
        assertTrue(full.contains(listed), "the full CRL lists the leaf: " + full);
        assertTrue(delta.contains(listed), "and so does the delta CRL: " + delta);
        for (boolean deltas : new boolean[] {false, true}) {
            Commands.Result r = verifyWithCrls(deltas);
            assertNotEquals(0, r.exit(), r.out() + r.err());
            assertTrue((r.out() + r.err()).contains("error 23 at 0 depth lookup: certificate revoked"), "use_deltas=" + deltas + ": " + r.out() + r.err());
        }
    }

    @Test
    @Order(3)
    void caNamesCarryTheCountry_andEachProfileItsPolicy() throws Exception {
        assertTrue(openssl("x509", "-in", data.resolve("root.pem").toString(), "-noout", "-subject").expectSuccess().out()
                .startsWith("subject=C = US, O = TrustChain, CN = TrustChain Root CA G1"));
        assertTrue(openssl("x509", "-in", "intermediate.pem", "-noout", "-subject").expectSuccess().out().startsWith("subject=C = US, O = TrustChain"));
        assertTrue(openssl("x509", "-in", "leaf.pem", "-noout", "-issuer").expectSuccess().out().startsWith("issuer=C = US, O = TrustChain"));
        assertTrue(openssl("x509", "-in", "leaf.pem", "-noout", "-ext", "certificatePolicies").out().contains("Policy: 2.23.140.1.2.1"));

        assertEquals("201", issue("client", "client", ",URI:spiffe://hypermesh.online/sa/client").out());
        String client = openssl("x509", "-in", "client-chain.pem", "-noout", "-ext", "certificatePolicies,subjectAltName").expectSuccess().out();
        assertTrue(client.contains("Policy: 2.25.") && !client.contains("2.23.140.1.2"), "a client certificate is no TLS server certificate: " + client);
        assertTrue(client.contains("URI:spiffe://hypermesh.online/sa/client"), client);

        Commands.Result service = issue("service", "service", ",URI:spiffe://hypermesh.online/sa/service");
        String body = Files.readString(work.resolve("service-chain.pem"));
        assertEquals("400", service.out(), body);
        assertTrue(body.contains("\"type\":\"https://hypermesh.online/trustchain/problems/bad-name\"")
                && body.contains("profile service is a TLS server certificate, which carries only DNS names and IP addresses"), body);
    }

    @Test
    @Order(4)
    void tlsListeners_refuseFiniteFieldGroups_andAcceptX25519() {
        for (int port : new int[] {8443 + OFFSET, 6962 + OFFSET}) {
            String target = "[::1]:" + port;
            for (String refused : List.of("ffdhe2048", "ffdhe8192", "P-521", "X448")) {
                Commands.Result r = openssl("s_client", "-connect", target, "-tls1_3", "-groups", refused);
                assertNotEquals(0, r.exit(), target + " accepted " + refused + ": " + r.out());
                assertFalse(r.out().contains("Server Temp Key"), r.out());
            }
            for (String[] accepted : List.of(new String[] {"X25519", "X25519"}, new String[] {"P-256", "prime256v1"}, new String[] {"P-384", "secp384r1"})) {
                Commands.Result r = openssl("s_client", "-connect", target, "-tls1_3", "-groups", accepted[0],
                        "-CAfile", data.resolve("root.pem").toString(), "-verify_return_error");
                assertEquals(0, r.exit(), target + " " + accepted[0] + ": " + r.err());
                assertTrue(r.out().contains("Server Temp Key: ") && r.out().contains(accepted[1]), r.out());
            }
        }
    }

    @Test
    @Order(5)
    void jsonWithTrailingContent_isRefusedWith400_andStoresNothing() throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "trailing.key").expectSuccess();
        openssl("req", "-new", "-key", "trailing.key", "-subj", "/CN=trailing.hypermesh.online", "-out", "trailing.csr").expectSuccess();
        String csr = Files.readString(work.resolve("trailing.csr")).replace("\n", "\\n");
        Files.writeString(work.resolve("trailing.json"), "{\"csr\": \"" + csr + "\", \"profile\": \"server\"}}garbage");
        Commands.Result issued = curl("-w", "\n%{http_code} %{content_type}", "-H", "Authorization: Bearer " + TC.token(),
                "-H", "Content-Type: application/json", "--data-binary", "@trailing.json", BASE + "/api/v1/ca/certificates").expectSuccess();
        assertTrue(issued.out().endsWith("\n400 application/problem+json"), issued.out());
        assertTrue(issued.out().contains("goes on after the JSON object ends"), issued.out());
        String search = curl("-f", "-H", "Authorization: Bearer " + TC.token(),
                BASE + "/api/v1/ca/certificates?san=trailing.hypermesh.online").expectSuccess().out();
        assertFalse(search.contains("serial_number"), "nothing was issued: " + search);

        Files.writeString(work.resolve("aaaa.json"), "{\"aaaa\": [\"2001:db8::99\"]}}");
        Commands.Result dns = curl("-w", "\n%{http_code} %{content_type}", "-X", "PUT", "-H", "Authorization: Bearer " + TC.token(),
                "-H", "Content-Type: application/json", "--data-binary", "@aaaa.json", BASE + "/api/v1/dns/records/trailing").expectSuccess();
        assertTrue(dns.out().endsWith("\n400 application/problem+json"), dns.out());
        String records = curl("-f", "-H", "Authorization: Bearer " + TC.token(), BASE + "/api/v1/dns/records").expectSuccess().out();
        assertFalse(records.contains("trailing.hypermesh.online"), records);

        openssl("x509", "-in", "leaf.pem", "-outform", "DER", "-out", "leaf.der").expectSuccess();
        String leaf = Base64.getEncoder().encodeToString(Files.readAllBytes(work.resolve("leaf.der")));
        Files.writeString(work.resolve("add-chain.json"), "{\"chain\": [\"" + leaf + "\"]}garbage");
        Commands.Result ct = curl("-w", "\n%{http_code} %{content_type}", "-H", "Content-Type: application/json",
                "--data-binary", "@add-chain.json", CT + "/ct/v1/add-chain").expectSuccess();
        assertTrue(ct.out().endsWith("\n400 application/problem+json"), ct.out());
    }

    /**
     * dig cannot send a response, so a raw socket does: a FORMERR response to the DNS port gets no
     * reply (two servers answering each other's responses would bounce packets for ever); a query
     * sent right after it on the same socket is answered, and is the only thing that comes back.
     */
    @Test
    @Order(6)
    void dnsResponse_isDroppedSilently_andTheNextQueryIsAnswered() throws Exception {
        byte[] response = {0x42, 0x42, (byte) 0x80, 0x01, 0, 0, 0, 0, 0, 0, 0, 0};
        byte[] query = aaaaQuery(0x4343, "trust.hypermesh.online");
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), 0))) {
            socket.connect(new InetSocketAddress(InetAddress.getByName("::1"), 8053 + OFFSET));
            socket.send(new DatagramPacket(response, response.length));
            socket.send(new DatagramPacket(query, query.length));
            List<Integer> ids = new ArrayList<>();
            for (byte[] reply : UdpReplies.untilQuiet(socket)) {
                ids.add(((reply[0] & 0xFF) << 8) | (reply[1] & 0xFF));
                assertTrue((reply[2] & 0x80) != 0, "replies are responses");
            }
            assertEquals(List.of(0x4343), ids, "only the query is answered");
        }
    }

    /**
     * An admin revokes the intermediate (POST on the authority): the root's CRL and delta CRL,
     * re-signed before the call returns, list it, so {@code openssl verify -crl_check_all} fails
     * at depth 1 for a leaf that is itself good; {@code openssl ocsp} against the root's responder
     * (a delegated responder certificate the root issued) says revoked; issuance from it stops
     * with 503; wrong requests get problem+json and change nothing.
     */
    @Test
    @Order(7)
    void revokedIntermediate_isOnTheRootsCrls_failsCrlCheckAll_andTheRootsOcspSaysRevoked() throws Exception {
        assertEquals("201", issue("leaf2", "server", "").out());
        Files.writeString(work.resolve("leaf2.pem"), Commands.pemBlocks(Files.readString(work.resolve("leaf2-chain.pem"))).get(0));
        String intermediateSerial = openssl("x509", "-in", "intermediate.pem", "-noout", "-serial").expectSuccess().out().trim()
                .substring("serial=".length());
        String apiSerial = intermediateSerial.toLowerCase(Locale.ROOT).replaceFirst("^0+", "");
        String authorities = curl("-f", "-H", "Authorization: Bearer " + TC.token(), BASE + "/api/v1/ca/authorities").expectSuccess().out();
        Matcher m = Pattern.compile("\\{[^{}]*\"id\":\"([^\"]+)\"[^{}]*\"serial_number\":\"" + apiSerial + "\"[^{}]*}").matcher(authorities);
        assertTrue(m.find(), apiSerial + " in " + authorities);
        String id = m.group(1);
        assertEquals("us-east-1-g1", id, "the default region's first intermediate, which the runbook's command names");
        // Intermediate certificates carry no OCSP URL (optional for CA certificates under the BRs); the responder
        // endpoint is one for every CA (it picks the answering CA by the request's CertID), so the leaf's URL serves.
        String leafText = openssl("x509", "-in", "leaf2.pem", "-noout", "-text").expectSuccess().out();
        Matcher ocspUrl = Pattern.compile("OCSP - URI:(http://[^\\s,]+)").matcher(leafText);
        assertTrue(ocspUrl.find(), leafText);
        String ocsp = ocspUrl.group(1).replaceFirst("^http://[^/]+", HTTP);
        assertTrue(ocspQuery(ocsp).contains("intermediate.pem: good"), "the root's responder answers for the intermediate");

        for (String[] wrong : List.of(new String[] {id, "{\"reason\": \"certificateHold\"}", "400"},
                new String[] {id, "{\"reason\": \"noSuchReason\"}", "400"}, new String[] {id, "{}", "400"},
                new String[] {"no-such-ca", "{\"reason\": \"cACompromise\"}", "404"})) {
            Commands.Result r = revokeAuthority(wrong[0], wrong[1], TC.token());
            assertTrue(r.out().endsWith("\n" + wrong[2] + " application/problem+json"), wrong[1] + ": " + r.out());
        }
        String emergencyToken = Files.readString(data.resolve("emergency-token")).trim();
        assertTrue(revokeAuthority(id, "{\"reason\": \"cACompromise\"}", emergencyToken).out().endsWith("\n403 application/problem+json"),
                "only the admin token revokes a CA");
        assertTrue(ocspQuery(ocsp).contains("intermediate.pem: good"), "the refused requests changed nothing");

        Commands.Result revoked = revokeAuthority(id, "{\"reason\": \"cACompromise\"}", TC.token());
        assertTrue(revoked.out().endsWith("\n200 application/json") && revoked.out().contains("\"status\":\"revoked\""), revoked.out());
        Commands.Result again = revokeAuthority(id, "{\"reason\": \"cACompromise\"}", TC.token());
        assertTrue(again.out().endsWith("\n409 application/problem+json"), again.out());

        fetchCrls();
        String listed = "Serial Number: " + intermediateSerial.toUpperCase(Locale.ROOT);
        String rootCrl = openssl("crl", "-in", "root-crl.pem", "-noout", "-text").expectSuccess().out();
        String rootDelta = openssl("crl", "-in", "root-delta.pem", "-noout", "-text").expectSuccess().out();
        assertTrue(rootCrl.contains(listed) && rootCrl.contains("CA Compromise"), "the root's CRL lists the intermediate at once: " + rootCrl);
        assertTrue(rootDelta.contains(listed), "and so does its delta CRL: " + rootDelta);
        for (boolean deltas : new boolean[] {false, true}) {
            Commands.Result r = verifyWithCrls(deltas, "leaf2.pem");
            assertNotEquals(0, r.exit(), r.out() + r.err());
            assertTrue((r.out() + r.err()).contains("error 23 at 1 depth lookup: certificate revoked"), "use_deltas=" + deltas + ": " + r.out() + r.err());
        }
        String answer = ocspQuery(ocsp);
        assertTrue(answer.contains("intermediate.pem: revoked") && answer.contains("Reason: cACompromise"), answer);

        Commands.Result refused = issue("after-revocation", "server", "");
        assertEquals("503", refused.out(), Files.readString(work.resolve("after-revocation-chain.pem")));
        assertTrue(Files.readString(work.resolve("after-revocation-chain.pem")).contains("is revoked"));
    }

    private static Commands.Result revokeAuthority(String id, String json, String token) throws Exception {
        Files.writeString(work.resolve("revoke-authority.json"), json);
        String path = id.equals("us-east-1-g1") ? "/api/v1/ca/authorities/us-east-1-g1/revoke" : "/api/v1/ca/authorities/" + id + "/revoke";
        return curl("-w", "\n%{http_code} %{content_type}", "-H", "Authorization: Bearer " + token, "-H", "Content-Type: application/json",
                "--data-binary", "@revoke-authority.json", BASE + path).expectSuccess();
    }

    /** openssl ocsp for the intermediate, the response verified against the root; stdout and stderr. */
    private static String ocspQuery(String url) {
        Commands.Result r = openssl("ocsp", "-issuer", data.resolve("root.pem").toString(), "-cert", "intermediate.pem", "-url", url,
                "-CAfile", data.resolve("root.pem").toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("Response verify OK") || r.out().contains("Response verify OK"), r.out() + r.err());
        return r.out() + r.err();
    }

    /** A standard query (RD set) for the AAAA records of {@code name}, class IN. */
    private static byte[] aaaaQuery(int id, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) (id >>> 8), (byte) id, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0});
        for (String label : name.split("\\.")) {
            out.write(label.length());
            out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(new byte[] {0, 0, 28, 0, 1});
        return out.toByteArray();
    }
}
