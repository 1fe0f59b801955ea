package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
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

/**
 * Revocation as relying parties see it, with their own tools: openssl asks the OCSP responder
 * and checks the CRL fetched from the certificate's CRL distribution point, before and after a
 * revocation through the REST API. Its own TrustChain, on port offset 600.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RevocationBlackBoxIT {
    private static final int OFFSET = 600;
    private static final String BASE = "https://[::1]:" + (8443 + OFFSET);
    private static final String HTTP = "http://[::1]:" + (8080 + OFFSET);

    @RegisterExtension
    static final BlackBoxServer TC = new BlackBoxServer("revocation-blackbox", OFFSET);
    private static final Path work = TC.work();
    private static final Path data = TC.data();
    private static String serial;

    private static String token() {
        return TC.token();
    }

    private static Commands.Result curl(String... args) {
        return TC.curl(args);
    }

    @Test
    @Order(1)
    void issuedCertificate_isGoodInOcsp() throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "leaf.key");
        openssl("req", "-new", "-key", "leaf.key", "-subj", "/CN=revoked.hypermesh.online", "-out", "leaf.csr");
        Commands.Result post = curl("-o", "chain.pem", "-w", "%{http_code}", "-H", "Authorization: Bearer " + token(),
                "-H", "Content-Type: application/pkcs10", "--data-binary", "@leaf.csr", BASE + "/api/v1/ca/certificates?profile=server");
        assertEquals("201", post.expectSuccess().out(), Files.readString(work.resolve("chain.pem")));
        List<String> pems = Commands.pemBlocks(Files.readString(work.resolve("chain.pem")));
        assertEquals(2, pems.size());
        Files.writeString(work.resolve("leaf.pem"), pems.get(0));
        Files.writeString(work.resolve("intermediate.pem"), pems.get(1));
        Files.writeString(work.resolve("ca-chain.pem"), pems.get(1) + Files.readString(data.resolve("root.pem")));
        serial = openssl("x509", "-in", "leaf.pem", "-noout", "-serial").out().trim().substring("serial=".length())
                .toLowerCase(Locale.ROOT).replaceFirst("^0+", "");

        Commands.Result ocsp = ocsp();
        assertTrue(ocsp.out().contains("leaf.pem: good"), ocsp.out() + ocsp.err());
        assertTrue(ocsp.err().contains("Response verify OK"), ocsp.out() + ocsp.err());
    }

    @Test
    @Order(2)
    void ocspOverGet_andMalformedPost() throws Exception {
        openssl("ocsp", "-issuer", "intermediate.pem", "-cert", "leaf.pem", "-no_nonce", "-reqout", "req.der");
        String b64 = Base64.getEncoder().encodeToString(Files.readAllBytes(work.resolve("req.der")));
        curl("-f", "-o", "get.der", HTTP + "/ocsp/" + URLEncoder.encode(b64, StandardCharsets.US_ASCII)).expectSuccess();
        Commands.Result get = Commands.run(work, "openssl", "ocsp", "-respin", "get.der", "-issuer", "intermediate.pem", "-cert", "leaf.pem",
                "-CAfile", data.resolve("root.pem").toString());
        assertTrue(get.out().contains("leaf.pem: good") && get.err().contains("Response verify OK"), get.out() + get.err());
        // RFC 5019 6.2: a GET answer about one certificate, without nonce, is for every HTTP cache to keep until its
        // nextUpdate; asked again, the responder serves the very answer it signed (from its own cache).
        String url = HTTP + "/ocsp/" + URLEncoder.encode(b64, StandardCharsets.US_ASCII);
        String headers = curl("-f", "-D", "-", "-o", "get2.der", url).expectSuccess().out().toLowerCase(Locale.ROOT);
        Matcher maxAge = Pattern.compile("cache-control: max-age=(\\d+), public, no-transform, must-revalidate").matcher(headers);
        assertTrue(maxAge.find() && Integer.parseInt(maxAge.group(1)) <= 600, headers);
        assertTrue(headers.contains("last-modified: ") && headers.contains("expires: ") && headers.contains("etag: \""), headers);
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(work.resolve("get.der")), Files.readAllBytes(work.resolve("get2.der"))),
                "the second GET is answered with the first answer's bytes");
        String posted = curl("-f", "-D", "-", "-o", "/dev/null", "-H", "Content-Type: application/ocsp-request", "--data-binary", "@req.der",
                HTTP + "/ocsp").expectSuccess().out().toLowerCase(Locale.ROOT);
        assertTrue(posted.contains("cache-control: no-cache"), "POST answers are not for shared caches: " + posted);

        Commands.Result bad = curl("-o", "bad.der", "-w", "%{http_code} %{content_type}", "-H", "Content-Type: text/plain",
                "--data-binary", "@req.der", HTTP + "/ocsp").expectSuccess();
        assertEquals("200 application/ocsp-response", bad.out());
        Commands.Result parsed = Commands.run(work, "openssl", "ocsp", "-respin", "bad.der", "-resp_text", "-noverify");
        String text = parsed.out() + parsed.err();
        assertTrue(text.contains("Responder Error: malformedrequest"), text);
    }

    @Test
    @Order(3)
    void revocation_isInOcspWithinOneSecond_andInTheCrlFromTheDistributionPoint() throws Exception {
        Files.writeString(work.resolve("revoke.json"), "{\"reason\":\"keyCompromise\"}");
        curl("-f", "-H", "Authorization: Bearer " + token(), "-H", "Content-Type: application/json",
                "--data-binary", "@revoke.json", BASE + "/api/v1/ca/certificates/" + serial + "/revoke").expectSuccess();
        long revokedAt = System.nanoTime();
        Commands.Result ocsp = ocsp();
        long elapsedMs = (System.nanoTime() - revokedAt) / 1_000_000;
        assertTrue(ocsp.out().contains("leaf.pem: revoked"), ocsp.out() + ocsp.err());
        assertTrue(ocsp.out().contains("Reason: keyCompromise"), ocsp.out());
        assertTrue(ocsp.err().contains("Response verify OK"), ocsp.err());
        assertTrue(elapsedMs < 1000, "OCSP answered revoked " + elapsedMs + " ms after the revocation returned");
        // The GET answer cached before (good) was dropped when the revocation committed.
        String b64 = Base64.getEncoder().encodeToString(Files.readAllBytes(work.resolve("req.der")));
        curl("-f", "-o", "get-revoked.der", HTTP + "/ocsp/" + URLEncoder.encode(b64, StandardCharsets.US_ASCII)).expectSuccess();
        Commands.Result cachedGet = Commands.run(work, "openssl", "ocsp", "-respin", "get-revoked.der", "-issuer", "intermediate.pem",
                "-cert", "leaf.pem", "-CAfile", data.resolve("root.pem").toString());
        assertTrue(cachedGet.out().contains("leaf.pem: revoked"), cachedGet.out() + cachedGet.err());

        String cdp = openssl("x509", "-in", "leaf.pem", "-noout", "-ext", "crlDistributionPoints").out();
        Matcher m = Pattern.compile("URI:(http://[^\\s]+/crl/[A-Za-z0-9._-]+\\.crl)").matcher(cdp);
        assertTrue(m.find(), cdp);
        String url = m.group(1).replaceFirst("^http://[^/]+", HTTP);
        String crlText = "";
        for (int attempt = 0; attempt < 100 && !crlText.contains("Serial Number: " + opensslHex(serial)); attempt++) {
            Thread.sleep(attempt == 0 ? 0 : 100);
            Commands.Result fetched = curl("-o", "leaf.crl", "-w", "%{http_code} %{content_type}", url).expectSuccess();
            assertEquals("200 application/pkix-crl", fetched.out());
            crlText = openssl("crl", "-inform", "DER", "-in", "leaf.crl", "-noout", "-text").out();
        }
        assertTrue(crlText.contains("Serial Number: " + opensslHex(serial)) && crlText.contains("Key Compromise"), crlText);

        Commands.Result crlVerify = openssl("crl", "-inform", "DER", "-in", "leaf.crl", "-CAfile", "ca-chain.pem", "-noout");
        assertTrue((crlVerify.out() + crlVerify.err()).contains("verify OK"), crlVerify.out() + crlVerify.err());
        openssl("crl", "-inform", "DER", "-in", "leaf.crl", "-out", "leaf-crl.pem");
        Commands.Result verify = Commands.run(work, "openssl", "verify", "-crl_check", "-CAfile", data.resolve("root.pem").toString(),
                "-untrusted", "intermediate.pem", "-CRLfile", "leaf-crl.pem", "leaf.pem");
        assertNotEquals(0, verify.exit(), verify.out() + verify.err());
        assertTrue((verify.out() + verify.err()).contains("certificate revoked"), verify.out() + verify.err());
    }

    @Test
    @Order(4)
    void unknownCrl_isProblemJson404() {
        Commands.Result r = curl("-o", "/dev/null", "-w", "%{http_code} %{content_type}", HTTP + "/crl/no-such-ca.crl").expectSuccess();
        assertEquals("404 application/problem+json", r.out());
    }

    @Test
    @Order(5)
    void deltaCrl_atTheFreshestCrlUrl_listsTheRevocation_andOpensslUsesIt() throws Exception {
        String freshest = openssl("crl", "-inform", "DER", "-in", "leaf.crl", "-noout", "-text").out();
        Matcher m = Pattern.compile("URI:(http://[^\\s]+/crl/[A-Za-z0-9._-]+-delta\\.crl)").matcher(freshest);
        assertTrue(freshest.contains("Freshest CRL") && m.find(), freshest);
        curl("-f", "-o", "delta.crl", m.group(1).replaceFirst("^http://[^/]+", HTTP)).expectSuccess();
        String delta = openssl("crl", "-inform", "DER", "-in", "delta.crl", "-noout", "-text").out();
        assertTrue(delta.contains("Delta CRL Indicator"), delta);
        assertTrue(delta.contains("Serial Number: " + opensslHex(serial)), delta);
        Commands.Result signed = openssl("crl", "-inform", "DER", "-in", "delta.crl", "-CAfile", "ca-chain.pem", "-noout");
        assertTrue((signed.out() + signed.err()).contains("verify OK"), signed.out() + signed.err());

        openssl("crl", "-inform", "DER", "-in", "delta.crl", "-out", "delta-crl.pem");
        Files.writeString(work.resolve("crls.pem"), Files.readString(work.resolve("leaf-crl.pem")) + Files.readString(work.resolve("delta-crl.pem")));
        Commands.Result verify = Commands.run(work, "openssl", "verify", "-crl_check", "-use_deltas", "-CAfile",
                data.resolve("root.pem").toString(), "-untrusted", "intermediate.pem", "-CRLfile", "crls.pem", "leaf.pem");
        assertTrue((verify.out() + verify.err()).contains("certificate revoked"), verify.out() + verify.err());
    }

    @Test
    @Order(6)
    void javaPkix_withOcspFromTheAia_acceptsAGoodCertificate_andRejectsTheRevokedOne() throws Exception {
        issue("pkix-good.hypermesh.online", "good");
        JavaPkix pkix = new JavaPkix(data.resolve("root.pem"), work.resolve("intermediate.pem"));
        pkix.validateWithOcsp(work.resolve("good.pem"));
        var revoked = pkix.expectRevoked(work.resolve("leaf.pem"), false);
        assertEquals(java.security.cert.CRLReason.KEY_COMPROMISE, revoked.getRevocationReason());
    }

    @Test
    @Order(7)
    void javaPkix_withTheCrlFromTheDistributionPoint_rejectsTheRevokedOne() throws Exception {
        JavaPkix pkix = new JavaPkix(data.resolve("root.pem"), work.resolve("intermediate.pem"));
        var revoked = pkix.expectRevoked(work.resolve("leaf.pem"), true);
        assertEquals(java.security.cert.CRLReason.KEY_COMPROMISE, revoked.getRevocationReason());
        pkix.validateWithCrl(work.resolve("good.pem"));
    }

    @Test
    @Order(8)
    void renewal_overRest_linksTheReplacement_andRefusesOtherNames() throws Exception {
        String good = serialOf("good.pem");
        openssl("req", "-new", "-key", "good.key", "-subj", "/CN=pkix-good.hypermesh.online", "-out", "renew.csr");
        Commands.Result renewed = curl("-o", "renewed.pem", "-w", "%{http_code}", "-H", "Authorization: Bearer " + token(),
                "-H", "Content-Type: application/pkcs10", "--data-binary", "@renew.csr", BASE + "/api/v1/ca/certificates/" + good + "/renew");
        assertEquals("201", renewed.expectSuccess().out(), Files.readString(work.resolve("renewed.pem")));
        Files.writeString(work.resolve("renewed-leaf.pem"), Commands.pemBlocks(Files.readString(work.resolve("renewed.pem"))).get(0));
        String successor = serialOf("renewed-leaf.pem");
        String details = curl("-f", "-H", "Authorization: Bearer " + token(), BASE + "/api/v1/ca/certificates/" + successor).expectSuccess().out();
        assertTrue(details.contains("\"replaces\":\"" + good + "\""), details);

        openssl("req", "-new", "-key", "good.key", "-subj", "/CN=other.hypermesh.online", "-out", "other.csr");
        Commands.Result refused = curl("-o", "refused.json", "-w", "%{http_code} %{content_type}", "-H", "Authorization: Bearer " + token(),
                "-H", "Content-Type: application/pkcs10", "--data-binary", "@other.csr", BASE + "/api/v1/ca/certificates/" + successor + "/renew");
        assertEquals("400 application/problem+json", refused.expectSuccess().out(), Files.readString(work.resolve("refused.json")));
    }

    @Test
    @Order(9)
    void emergency_switchOffGives503_onlyTheEmergencyTokenMaySwitch_andRevokeAllRevokesTheIssuer() throws Exception {
        String emergency = Files.readString(data.resolve("emergency-token")).trim();
        Files.writeString(work.resolve("off.json"), "{\"enabled\": false, \"reason\": \"black-box drill\"}");
        Files.writeString(work.resolve("on.json"), "{\"enabled\": true}");
        Commands.Result admin = curl("-o", "/dev/null", "-w", "%{http_code}", "-X", "PUT", "-H", "Authorization: Bearer " + token(),
                "-H", "Content-Type: application/json", "--data-binary", "@off.json", BASE + "/api/v1/ca/issuance");
        assertEquals("403", admin.expectSuccess().out(), "the admin token is not the emergency token");

        curl("-f", "-X", "PUT", "-H", "Authorization: Bearer " + emergency, "-H", "Content-Type: application/json",
                "--data-binary", "@off.json", BASE + "/api/v1/ca/issuance").expectSuccess();
        Commands.Result refused = curl("-o", "refused.json", "-w", "%{http_code} %{content_type}", "-H", "Authorization: Bearer " + token(),
                "-H", "Content-Type: application/pkcs10", "--data-binary", "@leaf.csr", BASE + "/api/v1/ca/certificates?profile=server");
        assertEquals("503 application/problem+json", refused.expectSuccess().out());
        assertTrue(Files.readString(work.resolve("refused.json")).contains("black-box drill"), Files.readString(work.resolve("refused.json")));
        curl("-f", "-X", "PUT", "-H", "Authorization: Bearer " + emergency, "-H", "Content-Type: application/json",
                "--data-binary", "@on.json", BASE + "/api/v1/ca/issuance").expectSuccess();

        String issuer = openssl("x509", "-in", "renewed-leaf.pem", "-noout", "-ext", "crlDistributionPoints").out()
                .replaceAll("(?s).*/crl/([A-Za-z0-9._-]+)\\.crl.*", "$1");
        Files.writeString(work.resolve("all.json"), "{\"issuer\": \"" + issuer + "\", \"reason\": \"cACompromise\"}");
        Commands.Result byAdmin = curl("-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer " + token(),
                "-H", "Content-Type: application/json", "--data-binary", "@all.json", BASE + "/api/v1/ca/revoke-all");
        assertEquals("403", byAdmin.expectSuccess().out());
        String result = curl("-f", "-H", "Authorization: Bearer " + emergency, "-H", "Content-Type: application/json",
                "--data-binary", "@all.json", BASE + "/api/v1/ca/revoke-all").expectSuccess().out();
        assertTrue(result.contains("\"issuer\":\"" + issuer + "\"") && !result.contains("\"revoked\":0"), result);
        Commands.Result ocsp = Commands.run(work, "openssl", "ocsp", "-issuer", "intermediate.pem", "-cert", "renewed-leaf.pem",
                "-url", HTTP + "/ocsp", "-CAfile", data.resolve("root.pem").toString()).expectSuccess();
        assertTrue(ocsp.out().contains("renewed-leaf.pem: revoked") && ocsp.out().contains("Reason: cACompromise"), ocsp.out() + ocsp.err());
    }

    /** Issues a server certificate for {@code name} into {@code <file>.pem} with its key in {@code <file>.key}. */
    private static void issue(String name, String file) throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", file + ".key");
        openssl("req", "-new", "-key", file + ".key", "-subj", "/CN=" + name, "-out", file + ".csr");
        curl("-f", "-o", file + "-chain.pem", "-H", "Authorization: Bearer " + token(), "-H", "Content-Type: application/pkcs10",
                "--data-binary", "@" + file + ".csr", BASE + "/api/v1/ca/certificates?profile=server").expectSuccess();
        Files.writeString(work.resolve(file + ".pem"), Commands.pemBlocks(Files.readString(work.resolve(file + "-chain.pem"))).get(0));
    }

    private static String serialOf(String pemFile) {
        return openssl("x509", "-in", pemFile, "-noout", "-serial").out().trim().substring("serial=".length())
                .toLowerCase(Locale.ROOT).replaceFirst("^0+", "");
    }

    private static Commands.Result ocsp() {
        return Commands.run(work, "openssl", "ocsp", "-issuer", "intermediate.pem", "-cert", "leaf.pem", "-url", HTTP + "/ocsp",
                "-CAfile", data.resolve("root.pem").toString()).expectSuccess();
    }

    private static Commands.Result openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        return Commands.run(work, command).expectSuccess();
    }

    /** A serial as openssl prints it: upper case, in whole bytes (the API's "1b3..." is openssl's "01B3..."). */
    private static String opensslHex(String serial) {
        String upper = serial.toUpperCase(Locale.ROOT);
        return upper.length() % 2 == 0 ? upper : "0" + upper;
    }
}
