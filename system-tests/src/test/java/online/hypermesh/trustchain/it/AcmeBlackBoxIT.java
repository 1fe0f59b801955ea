package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ACME from the outside with Debian's lego, as the README shows: its own TrustChain on port
 * offset 2600, http-01 validated for real over the network (lego's own server on an unprivileged
 * port, the name resolved through TrustChain's DNS, where the test placed its AAAA record).
 * An administrator makes an account and an EAB key through REST; lego registers with it,
 * obtains a certificate that openssl verifies against the root and that carries SCTs, renews
 * and revokes it (the REST status says revoked); certbot does the same with its own EAB key
 * (standalone http-01, an RSA account key). lego does it again over tls-alpn-01 (RFC 8737), and
 * the renewal information (RFC 9773) of its certificate is read with curl. Without EAB, or for a
 * name outside the account's scopes, the client gets an ACME problem and nothing is issued.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AcmeBlackBoxIT {
    private static final int OFFSET = 2600;
    private static final String BASE = "https://[::1]:" + (8443 + OFFSET);
    /** lego needs a name its TLS check accepts: the listener's certificate carries localhost. */
    private static final String ACME = "https://localhost:" + (8443 + OFFSET) + "/acme/";
    private static final String DIRECTORY = ACME + "directory";
    private static final int HTTP01_PORT = 5080 + OFFSET;
    private static final int TLS_ALPN01_PORT = 5443 + OFFSET;
    private static final String NAME = "acme-web.hypermesh.online";

    @RegisterExtension
    static final BlackBoxServer TC = new BlackBoxServer("acme-blackbox", OFFSET, Map.of(
            "TRUSTCHAIN_ACME_HTTP01_PORT", Integer.toString(HTTP01_PORT),
            "TRUSTCHAIN_ACME_TLSALPN01_PORT", Integer.toString(TLS_ALPN01_PORT),
            "TRUSTCHAIN_ACME_RESOLVERS", "[::1]:" + (8053 + OFFSET)));
    private static final Path work = TC.work();
    private static final Path data = TC.data();

    private static String kid;
    private static String hmac;
    private static String firstSerial;

    @Test
    @Order(1)
    void anAdministrator_makesAnAccount_anEabKey_andTheName() throws Exception {
        Files.writeString(work.resolve("web.json"), "{\"name\": \"acme-web\", \"roles\": [\"issuer\"], \"scopes\": [{\"type\": \"dns\", \"value\": \""
                + NAME + "\", \"subdomains\": true}], \"profiles\": [\"server\"], \"regions\": [\"*\"]}");
        admin("-f", "-H", "Content-Type: application/json", "--data-binary", "@web.json", BASE + "/api/v1/accounts").expectSuccess();
        Commands.Result eab = admin("-D", "eab.headers", "-f", "-X", "POST", BASE + "/api/v1/accounts/acme-web/acme-eab").expectSuccess();
        kid = field(eab.out(), "kid");
        hmac = field(eab.out(), "hmac_key");
        assertEquals("acme-web", field(eab.out(), "account"), eab.out());
        assertTrue(Files.readString(work.resolve("eab.headers")).toLowerCase().contains("cache-control: no-store"));
        // Only an administrator makes EAB keys.
        String refused = Commands.curl(work, data, "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST",
                BASE + "/api/v1/accounts/acme-web/acme-eab").expectSuccess().out();
        assertEquals("401", refused);

        Files.writeString(work.resolve("aaaa.json"), "{\"aaaa\": [\"::1\"]}");
        admin("-f", "-X", "PUT", "-H", "Content-Type: application/json", "--data-binary", "@aaaa.json",
                BASE + "/api/v1/dns/records/" + NAME).expectSuccess();
        long deadline = System.currentTimeMillis() + 10_000;
        String answer;
        do {
            answer = Commands.run(work, "dig", "@::1", "-p", Integer.toString(8053 + OFFSET), "+short", "AAAA", NAME).expectSuccess().out().trim();
        } while (!answer.equals("::1") && System.currentTimeMillis() < deadline && sleep());
        assertEquals("::1", answer, "the mesh DNS answers the name lego is validated for");
    }

    @Test
    @Order(2)
    void withoutEab_newAccountIsRefused_externalAccountRequired() throws Exception {
        // lego reads the directory's meta.externalAccountRequired and stops before it asks.
        Commands.Result r = lego("noeab", "--email", "ops@" + NAME, "--http", "--http.port", ":" + HTTP01_PORT, "--domains", NAME, "run");
        assertNotEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("Server requires External Account Binding"), r.out() + r.err());
        // The server itself refuses such a newAccount: an RFC 8555 problem, with a fresh nonce and the index link.
        Reply refused = postJws(ACME + "new-account", new Key().withJwk(ACME + "new-account", "{\"termsOfServiceAgreed\":true}"));
        String headers = refused.headers();
        String body = refused.body();
        assertEquals("400", refused.status(), body);
        assertTrue(headers.contains("content-type: application/problem+json"), headers);
        assertTrue(body.contains("\"type\":\"urn:ietf:params:acme:error:externalAccountRequired\""), body);
        assertTrue(headers.contains("replay-nonce: ") && headers.contains("rel=\"index\""), headers);
        // The nonce was used: the same request again is a replay.
        String code = Commands.curl(work, data, "-o", "acme.body", "-w", "%{http_code}", "-H", "Content-Type: application/jose+json",
                "--data-binary", "@jws.json", ACME + "new-account").expectSuccess().out();
        assertEquals("400", code);
        assertTrue(Files.readString(work.resolve("acme.body")).contains("urn:ietf:params:acme:error:badNonce"));
        assertEquals(0, TC.count("select count(*) from acme_account"), "no ACME account was made");
    }

    @Test
    @Order(7)
    void certbot_obtainsRenewsAndRevokes_withItsOwnEabKey() throws Exception {
        Commands.Result eab = admin("-f", "-X", "POST", BASE + "/api/v1/accounts/acme-web/acme-eab").expectSuccess();
        Commands.Result r = certbot("certonly", "--standalone", "--http-01-port", Integer.toString(HTTP01_PORT), "--agree-tos",
                "-m", "certbot@" + NAME, "--eab-kid", field(eab.out(), "kid"), "--eab-hmac-key", field(eab.out(), "hmac_key"),
                "--key-type", "rsa", "-d", NAME);
        assertEquals(0, r.exit(), r.out() + r.err());
        Path live = work.resolve("certbot").resolve("live").resolve(NAME);
        String first = verifiedSerial(live.resolve("fullchain.pem"));
        assertTrue(Commands.run(work, "openssl", "x509", "-in", "leaf.pem", "-noout", "-text").expectSuccess().out()
                .contains("rsaEncryption"), "certbot's RSA key");

        r = certbot("renew", "--cert-name", NAME, "--force-renewal", "--no-random-sleep-on-renew");
        assertEquals(0, r.exit(), r.out() + r.err());
        String renewed = verifiedSerial(live.resolve("fullchain.pem"));
        assertNotEquals(first, renewed, "a new certificate");

        r = certbot("revoke", "--cert-path", live.resolve("cert.pem").toString(), "--reason", "keycompromise", "--no-delete-after-revoke");
        assertEquals(0, r.exit(), r.out() + r.err());
        String status = admin("-f", BASE + "/api/v1/ca/certificates/" + renewed).expectSuccess().out();
        assertTrue(status.contains("\"status\":\"revoked\"") && status.contains("keyCompromise"), status);
        assertEquals(2, TC.count("select count(*) from acme_account where account_id = (select id from account where name = 'acme-web')"),
                "lego's and certbot's ACME accounts, both bound to acme-web");
    }

    @Test
    @Order(8)
    void keyRollover_thenDeactivation_ofAnAccountMadeWithEab() throws Exception {
        Commands.Result eab = admin("-f", "-X", "POST", BASE + "/api/v1/accounts/acme-web/acme-eab").expectSuccess();
        Key first = new Key();
        Reply made = postJws(ACME + "new-account", first.withJwk(ACME + "new-account", "{\"termsOfServiceAgreed\":true,"
                + "\"externalAccountBinding\":" + eab(field(eab.out(), "kid"), field(eab.out(), "hmac_key"), first) + "}"));
        assertEquals("201", made.status(), made.body());
        Matcher location = Pattern.compile("(?m)^location:\\s*(\\S+)").matcher(made.headers());
        assertTrue(location.find(), made.headers());
        String account = location.group(1);

        Key second = new Key();
        String inner = second.sign("\"jwk\":" + second.jwk, null, ACME + "key-change",
                "{\"account\":\"" + account + "\",\"oldKey\":" + first.jwk + "}");
        Reply changed = postJws(ACME + "key-change", first.withKid(account, ACME + "key-change", inner));
        assertEquals("200", changed.status(), changed.body());
        Reply oldKey = postJws(account, first.withKid(account, account, ""));
        assertEquals("400", oldKey.status(), "the old key signs for the account no more: " + oldKey.body());
        Reply newKey = postJws(account, second.withKid(account, account, ""));
        assertEquals("200", newKey.status(), newKey.body());
        assertTrue(newKey.body().contains("\"status\":\"valid\""), newKey.body());

        Reply deactivated = postJws(account, second.withKid(account, account, "{\"status\":\"deactivated\"}"));
        assertEquals("200", deactivated.status(), deactivated.body());
        assertTrue(deactivated.body().contains("\"status\":\"deactivated\""), deactivated.body());
        Reply order = postJws(ACME + "new-order", second.withKid(account, ACME + "new-order",
                "{\"identifiers\":[{\"type\":\"dns\",\"value\":\"" + NAME + "\"}]}"));
        assertEquals("403", order.status(), order.body());
        assertTrue(order.body().contains("urn:ietf:params:acme:error:unauthorized") && order.body().contains("deactivated"), order.body());
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'acme.account.key-changed'"));
    }

    @Test
    @Order(9)
    void legoOverTlsAlpn01_obtainsRenewsAndRevokes() throws Exception {
        Commands.Result eab = admin("-f", "-X", "POST", BASE + "/api/v1/accounts/acme-web/acme-eab").expectSuccess();
        String[] account = {"--email", "alpn@" + NAME, "--eab", "--kid", field(eab.out(), "kid"), "--hmac", field(eab.out(), "hmac_key")};
        Commands.Result r = lego("alpn", concat(account, "--tls", "--tls.port", ":" + TLS_ALPN01_PORT, "--domains", NAME, "run"));
        assertEquals(0, r.exit(), r.out() + r.err());
        String first = verifiedSerial(legoCertificate("alpn"));
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'acme.order.valid' and details->>'serial' = '" + first
                + "' and details->>'validation' = 'tls-alpn-01'"), "validated by tls-alpn-01 alone");
        assertEquals(1, TC.count("select count(*) from acme_challenge where type = 'tls-alpn-01' and status = 'valid'"
                + " and validated_from in ('0:0:0:0:0:0:0:1', '::1')"));

        r = lego("alpn", concat(account, "--tls", "--tls.port", ":" + TLS_ALPN01_PORT, "--domains", NAME, "renew", "--days", "30", "--no-random-sleep"));
        assertEquals(0, r.exit(), r.out() + r.err());
        String renewed = verifiedSerial(legoCertificate("alpn"));
        assertNotEquals(first, renewed, "a new certificate");
        alpnCertificate = Files.readString(work.resolve("leaf.pem"));

        // No server on the tls-alpn-01 port: the challenge fails with an ACME problem and nothing is issued.
        long before = TC.count("select count(*) from certificate");
        Key key = new Key();
        Commands.Result eab2 = admin("-f", "-X", "POST", BASE + "/api/v1/accounts/acme-web/acme-eab").expectSuccess();
        Reply made = postJws(ACME + "new-account", key.withJwk(ACME + "new-account", "{\"termsOfServiceAgreed\":true,"
                + "\"externalAccountBinding\":" + eab(field(eab2.out(), "kid"), field(eab2.out(), "hmac_key"), key) + "}"));
        String kidUrl = location(made);
        Reply order = postJws(ACME + "new-order", key.withKid(kidUrl, ACME + "new-order", "{\"identifiers\":[{\"type\":\"dns\",\"value\":\"" + NAME + "\"}]}"));
        assertEquals("201", order.status(), order.body());
        Matcher authz = Pattern.compile("\"authorizations\":\\[\"([^\"]+)\"").matcher(order.body());
        assertTrue(authz.find(), order.body());
        Reply authorization = postJws(authz.group(1), key.withKid(kidUrl, authz.group(1), ""));
        assertTrue(authorization.body().contains("\"type\":\"http-01\"") && authorization.body().contains("\"type\":\"tls-alpn-01\""),
                "both challenges are offered: " + authorization.body());
        Matcher challenge = Pattern.compile("\"type\":\"tls-alpn-01\",\"url\":\"([^\"]+)\"").matcher(authorization.body());
        assertTrue(challenge.find(), authorization.body());
        Reply failed = postJws(challenge.group(1), key.withKid(kidUrl, challenge.group(1), "{}"));
        assertTrue(failed.body().contains("\"status\":\"invalid\"") && failed.body().contains("urn:ietf:params:acme:error:connection"), failed.body());
        assertEquals(before, TC.count("select count(*) from certificate"), "nothing issued");

        r = lego("alpn", concat(account, "--domains", NAME, "revoke", "--reason", "1"));
        assertEquals(0, r.exit(), r.out() + r.err());
        String status = admin("-f", BASE + "/api/v1/ca/certificates/" + renewed).expectSuccess().out();
        assertTrue(status.contains("\"status\":\"revoked\"") && status.contains("keyCompromise"), status);
    }

    /** The certificate lego got over tls-alpn-01 and then revoked. */
    private static String alpnCertificate;

    @Test
    @Order(10)
    void renewalInformation_followsTheLifetime_andARevocation() throws Exception {
        Commands.Result directory = Commands.curl(work, data, "-f", DIRECTORY).expectSuccess();
        assertTrue(directory.out().contains("\"renewalInfo\":\"" + ACME + "renewal-info\""), directory.out());

        // A certificate still valid: issued by lego just now over http-01 (step 3's account).
        Commands.Result r = lego("web", "--email", "ops@" + NAME, "--eab", "--kid", kid, "--hmac", hmac,
                "--http", "--http.port", ":" + HTTP01_PORT, "--domains", NAME, "run");
        assertEquals(0, r.exit(), r.out() + r.err());
        verifiedSerial(legoCertificate("web"));
        String text = Commands.run(work, "openssl", "x509", "-in", "leaf.pem", "-noout", "-text", "-dates").expectSuccess().out();
        Reply info = renewalInfo(certId(text));
        assertEquals("200", info.status(), info.body());
        assertTrue(info.headers().contains("retry-after: 10800"), "an eighth of a day: " + info.headers());
        java.time.Instant notBefore = opensslDate(text, "notBefore");
        assertTrue(info.body().contains("\"start\":\"" + notBefore.plus(java.time.Duration.ofHours(16)) + "\"")
                && info.body().contains("\"end\":\"" + notBefore.plus(java.time.Duration.ofHours(20)) + "\""),
                "the last third of 24 hours, from " + notBefore + ": " + info.body());

        // The revoked one: its window is in the past, so a client renews at once.
        Files.writeString(work.resolve("revoked.pem"), alpnCertificate);
        String revokedText = Commands.run(work, "openssl", "x509", "-in", "revoked.pem", "-noout", "-text").expectSuccess().out();
        Reply revoked = renewalInfo(certId(revokedText));
        assertEquals("200", revoked.status(), revoked.body());
        Matcher end = Pattern.compile("\"end\":\"([^\"]+)\"").matcher(revoked.body());
        assertTrue(end.find() && java.time.Instant.parse(end.group(1)).isBefore(java.time.Instant.now()), revoked.body());

        Reply unknown = renewalInfo("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE");
        assertEquals("404", unknown.status(), unknown.body());
        Reply malformed = renewalInfo("not-an-identifier");
        assertEquals("400", malformed.status(), malformed.body());
        assertTrue(malformed.body().contains("urn:ietf:params:acme:error:malformed"), malformed.body());

        // An order may say it replaces a certificate only if its account ordered that certificate.
        Key key = new Key();
        Commands.Result eab = admin("-f", "-X", "POST", BASE + "/api/v1/accounts/acme-web/acme-eab").expectSuccess();
        String account = location(postJws(ACME + "new-account", key.withJwk(ACME + "new-account", "{\"termsOfServiceAgreed\":true,"
                + "\"externalAccountBinding\":" + eab(field(eab.out(), "kid"), field(eab.out(), "hmac_key"), key) + "}")));
        Reply notOurs = postJws(ACME + "new-order", key.withKid(account, ACME + "new-order", "{\"identifiers\":[{\"type\":\"dns\",\"value\":\""
                + NAME + "\"}],\"replaces\":\"" + certId(text) + "\"}"));
        assertEquals("403", notOurs.status(), notOurs.body());
        assertTrue(notOurs.body().contains("was not ordered by this account"), notOurs.body());
    }

    private static final String DNS01_NAME = "dns01.hypermesh.online";
    private static final int DNS_PORT = 8053 + OFFSET;

    /**
     * dns-01 in the mesh zone: certbot's rfc2136 plugin places its _acme-challenge TXT records with
     * TSIG-signed RFC 2136 updates to TrustChain's own DNS, for a name and its wildcard (which only
     * dns-01 can prove), then renews, and revokes with the certificate's own key. nsupdate shows what the key may not do.
     */
    /**
     * A crash in the middle of finalize, in both places it can fall, made the way it would look in
     * the database: one order whose certificate was issued but not yet stored on the order, one
     * whose issuance never began. Within the recovery's grace plus a minute, the first is valid with
     * its certificate and the second invalid with a problem; both are audited.
     */
    @Test
    @Order(12)
    void anInterruptedFinalization_isSettled_fromWhatWasIssued() throws Exception {
        String issued = TC.text("select id from acme_order where status = 'valid' order by created_at, id limit 1");
        String serial = TC.text("select certificate_serial from acme_order where id = '" + issued + "'");
        String never = TC.text("select id from acme_order where status = 'valid' and id <> '" + issued + "' order by created_at, id limit 1");
        TC.execute("trustchain",
                "update acme_order o set status = 'processing', certificate_serial = null, certificate_chain = null,"
                        + " finalizing_since = now() - interval '10 minutes', finalize_csr_sha256 = sha256(r.csr), finalize_request_floor = r.id - 1"
                        + " from certificate c join certificate_request r on r.id = c.request_id"
                        + " where o.id = '" + issued + "' and c.serial_number = '" + serial + "'",
                "update acme_order set status = 'processing', certificate_serial = null, certificate_chain = null,"
                        + " finalizing_since = now() - interval '10 minutes', finalize_csr_sha256 = sha256('a CSR never issued'::bytea),"
                        + " finalize_request_floor = 0 where id = '" + never + "'");
        assertEquals(2, TC.count("select count(*) from acme_order where status = 'processing'"));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (TC.count("select count(*) from acme_order where status = 'processing'") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(2000);
        }
        assertEquals(1, TC.count("select count(*) from acme_order where id = '" + issued + "' and status = 'valid'"
                + " and certificate_serial = '" + serial + "' and certificate_chain like '-----BEGIN CERTIFICATE-----%'"),
                "the order whose certificate was issued is valid with it");
        String chain = TC.text("select certificate_chain from acme_order where id = '" + issued + "'");
        assertEquals(2, chain.split("-----BEGIN CERTIFICATE-----", -1).length - 1, "the certificate and its issuer: " + chain);
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'acme.order.valid' and object_id = '" + issued + "'"
                + " and details->>'recovered' = 'true' and details->>'serial' = '" + serial + "'"));
        assertEquals(1, TC.count("select count(*) from acme_order where id = '" + never + "' and status = 'invalid'"
                + " and certificate_serial is null and error like '%urn:ietf:params:acme:error:serverInternal%place a new order%'"),
                "the order nothing was issued for is invalid, with a problem saying what to do");
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'acme.order.interrupted' and object_id = '" + never + "'"));
    }

    /**
     * After a root rollover new chains end at the new root; the old root certifies the new one (a
     * link certificate), and ACME offers the chain through it as an alternate (RFC 8555 7.4.2).
     * lego takes the default chain, which verifies against the new root, and with
     * --preferred-chain the alternate, which verifies against the old root alone.
     */
    @Test
    @Order(13)
    void afterARootRollover_theChainThroughTheOldRoot_isAnAlternate() throws Exception {
        Files.copy(data.resolve("root.pem"), work.resolve("old-root.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String oldRoot = commonName(work.resolve("old-root.pem"));
        String oldRootId = TC.text("select id from certificate_authority where parent_id is null and status = 'active'");
        admin("-f", "-X", "POST", BASE + "/api/v1/ca/authorities/" + oldRootId + "/rollover").expectSuccess();
        String newRootId = TC.text("select id from certificate_authority where parent_id is null and status = 'active'");
        assertNotEquals(oldRootId, newRootId);
        assertEquals(1, TC.count("select count(*) from root_link l join certificate c on c.serial_number = l.serial_number"
                + " where l.issuer_id = '" + oldRootId + "' and l.subject_id = '" + newRootId + "' and c.status = 'valid' and c.profile = 'cross'"));
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'authority.rolled-over' and object_id = '" + oldRootId
                + "' and details->>'link_serial' = (select serial_number from root_link)"));

        // lego's account of the first steps (its EAB key is used); the listener's certificate is still under the old root,
        // so lego trusts every root there is.
        Map<String, String> roots = Map.of("LEGO_CA_CERTIFICATES", data.resolve("roots.pem").toString());
        List<String> base = List.of("lego", "--server", DIRECTORY, "--accept-tos", "--email", "ops@" + NAME, "--eab", "--kid", kid,
                "--hmac", hmac, "--http", "--http.port", ":" + HTTP01_PORT, "--domains", NAME);
        List<String> byDefault = new ArrayList<>(base);
        byDefault.addAll(List.of("--path", work.resolve("lego-web").toString(), "run"));
        Commands.Result r = run(byDefault, roots);
        assertEquals(0, r.exit(), r.out() + r.err());
        List<String> chain = Commands.pemBlocks(Files.readString(legoCertificate("web")));
        assertEquals(2, chain.size(), "the default chain: leaf and the new intermediate");
        assertVerifies(chain, data.resolve("root.pem"), true);
        assertVerifies(chain, work.resolve("old-root.pem"), false);

        List<String> preferred = new ArrayList<>(base);
        preferred.addAll(List.of("--path", work.resolve("lego-web").toString(), "run", "--preferred-chain", oldRoot));
        r = run(preferred, roots);
        assertEquals(0, r.exit(), r.out() + r.err());
        List<String> alternate = Commands.pemBlocks(Files.readString(legoCertificate("web")));
        assertEquals(3, alternate.size(), "the alternate: leaf, the new intermediate and the link certificate");
        Files.writeString(work.resolve("link.pem"), alternate.get(2));
        assertEquals(commonName(data.resolve("root.pem")), commonName(work.resolve("link.pem")), "the link names the new root");
        assertVerifies(alternate, work.resolve("old-root.pem"), true);
    }

    private static String commonName(Path certificate) {
        String subject = Commands.run(work, "openssl", "x509", "-in", certificate.toString(), "-noout", "-subject", "-nameopt", "multiline")
                .expectSuccess().out();
        Matcher m = Pattern.compile("commonName\\s*=\\s*(.+)").matcher(subject);
        assertTrue(m.find(), subject);
        return m.group(1).trim();
    }

    /** Whether openssl verifies the chain's leaf against {@code root} alone, with the rest of the chain as untrusted. */
    private static void assertVerifies(List<String> chain, Path root, boolean expected) throws IOException {
        Files.writeString(work.resolve("chain-leaf.pem"), chain.get(0));
        Files.writeString(work.resolve("chain-rest.pem"), String.join("\n", chain.subList(1, chain.size())) + "\n");
        Commands.Result verify = Commands.run(work, "openssl", "verify", "-CAfile", root.toString(), "-untrusted", "chain-rest.pem", "chain-leaf.pem");
        assertEquals(expected, verify.exit() == 0 && verify.out().contains("chain-leaf.pem: OK"), root + ": " + verify.out() + verify.err());
    }

    @Test
    @Order(11)
    void certbotOverDns01_withRfc2136Updates_obtainsAWildcard_renewsAndRevokes() throws Exception {
        Files.writeString(work.resolve("dns.json"), "{\"name\": \"acme-dns\", \"roles\": [\"issuer\"], \"scopes\": [{\"type\": \"dns\", \"value\": \""
                + DNS01_NAME + "\", \"subdomains\": true, \"wildcard\": true}], \"profiles\": [\"server\"], \"regions\": [\"*\"]}");
        admin("-f", "-H", "Content-Type: application/json", "--data-binary", "@dns.json", BASE + "/api/v1/accounts").expectSuccess();
        Commands.Result key = admin("-D", "tsig.headers", "-f", "-X", "POST", BASE + "/api/v1/accounts/acme-dns/dns-update-keys").expectSuccess();
        assertTrue(Files.readString(work.resolve("tsig.headers")).toLowerCase().contains("cache-control: no-store"));
        String keyName = field(key.out(), "name");
        String secret = field(key.out(), "secret");
        assertEquals("hmac-sha256", field(key.out(), "algorithm"), key.out());
        assertEquals("401", Commands.curl(work, data, "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST",
                BASE + "/api/v1/accounts/acme-dns/dns-update-keys").expectSuccess().out(), "only an administrator makes keys");

        // What the key may do, and may not, through nsupdate (BIND's client, over TCP).
        String own = "_acme-challenge." + DNS01_NAME + ".";
        assertTrue(nsupdate(keyName, secret, "update add " + own + " 60 TXT \"placed-by-nsupdate\"").exit() == 0, "an owner in scope");
        assertEquals("\"placed-by-nsupdate\"", digTxt(own, "\"placed-by-nsupdate\""), "the zone shows the record");
        assertTrue(nsupdate(keyName, secret, "update delete " + own + " TXT \"placed-by-nsupdate\"").exit() == 0);
        assertEquals("", digTxt(own, ""), "and forgets it when deleted");
        long rows = TC.count("select count(*) from dns_challenge_txt");
        Commands.Result outside = nsupdate(keyName, secret, "update add _acme-challenge." + NAME + ". 60 TXT \"x\"");
        assertTrue(outside.exit() != 0 && (outside.out() + outside.err()).contains("REFUSED"), outside.out() + outside.err());
        Commands.Result notTxt = nsupdate(keyName, secret, "update add " + DNS01_NAME + ". 60 AAAA ::1");
        assertTrue(notTxt.exit() != 0 && (notTxt.out() + notTxt.err()).contains("REFUSED"), notTxt.out() + notTxt.err());
        Commands.Result forged = nsupdate(keyName, Base64.getEncoder().encodeToString(new byte[32]), "update add " + own + " 60 TXT \"x\"");
        assertTrue(forged.exit() != 0 && (forged.out() + forged.err()).contains("NOTAUTH"), forged.out() + forged.err());
        assertEquals(rows, TC.count("select count(*) from dns_challenge_txt"), "refused updates store nothing");
        assertEquals(2, TC.count("select count(*) from audit_event where action = 'dns.update.refused' and details->>'key' = '" + keyName + "'"),
                "each refusal is audited (a forged MAC never reaches the policy)");

        Commands.Result eab = admin("-f", "-X", "POST", BASE + "/api/v1/accounts/acme-dns/acme-eab").expectSuccess();
        Path credentials = work.resolve("rfc2136.ini");
        Files.writeString(credentials, "dns_rfc2136_server = ::1\ndns_rfc2136_port = " + DNS_PORT + "\ndns_rfc2136_name = " + keyName
                + "\ndns_rfc2136_secret = " + secret + "\ndns_rfc2136_algorithm = HMAC-SHA256\n");
        Files.setPosixFilePermissions(credentials, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        String[] dns01 = {"--dns-rfc2136", "--dns-rfc2136-credentials", credentials.toString(), "--dns-rfc2136-propagation-seconds", "1"};
        Commands.Result r = certbotIn("certbot-dns", concat(concat(new String[] {"certonly"}, dns01), "--agree-tos", "-m", "dns@" + DNS01_NAME,
                "--eab-kid", field(eab.out(), "kid"), "--eab-hmac-key", field(eab.out(), "hmac_key"), "-d", DNS01_NAME, "-d", "*." + DNS01_NAME));
        assertEquals(0, r.exit(), r.out() + r.err());
        Path live = work.resolve("certbot-dns").resolve("live").resolve(DNS01_NAME);
        String first = verifiedSerial(live.resolve("fullchain.pem"), "*." + DNS01_NAME);
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'acme.order.valid' and details->>'serial' = '" + first
                + "' and details->>'validation' = 'dns-01'"), "validated by dns-01 alone");
        assertEquals(0, TC.count("select count(*) from dns_challenge_txt"), "certbot removed its records again");
        assertTrue(TC.count("select count(*) from audit_event where action = 'dns.update.applied' and details->>'key' = '" + keyName + "'") >= 4,
                "nsupdate's two and certbot's additions and deletions are audited");

        r = certbotIn("certbot-dns", "renew", "--cert-name", DNS01_NAME, "--force-renewal", "--no-random-sleep-on-renew");
        assertEquals(0, r.exit(), r.out() + r.err());
        String renewed = verifiedSerial(live.resolve("fullchain.pem"), "*." + DNS01_NAME);
        assertNotEquals(first, renewed, "a new certificate");

        // Revoked by the certificate's own key (RFC 8555 7.6, a "jwk" request): from a configuration
        // directory that holds no ACME account, so only the key can have signed it.
        r = certbotIn("certbot-certificate-key", "revoke", "--cert-path", live.resolve("cert.pem").toString(),
                "--key-path", live.resolve("privkey.pem").toString(), "--reason", "superseded", "--no-delete-after-revoke");
        assertEquals(0, r.exit(), r.out() + r.err());
        String status = admin("-f", BASE + "/api/v1/ca/certificates/" + renewed).expectSuccess().out();
        assertTrue(status.contains("\"status\":\"revoked\"") && status.contains("superseded"), status);
    }

    /** One signed update with BIND's nsupdate over TCP (-v) to the mesh DNS. */
    private static Commands.Result nsupdate(String keyName, String secret, String update) throws IOException {
        Path script = work.resolve("nsupdate.txt");
        Files.writeString(script, "server ::1 " + DNS_PORT + "\nzone hypermesh.online.\nkey hmac-sha256:" + keyName + " " + secret + "\n"
                + update + "\nsend\n");
        return Commands.run(work, "nsupdate", "-v", script.toString());
    }

    /** The zone shows a committed update within its drain interval (ZoneFollower), so ask until it does or 10 s have passed. */
    private static String digTxt(String name, String expected) {
        long deadline = System.currentTimeMillis() + 10_000;
        String answer;
        do {
            answer = Commands.run(work, "dig", "@::1", "-p", Integer.toString(DNS_PORT), "+short", "TXT", name).expectSuccess().out().trim();
        } while (!answer.equals(expected) && System.currentTimeMillis() < deadline && sleep());
        return answer;
    }

    /** RFC 9773 4.1's identifier, from openssl's text: base64url(AKI keyid) "." base64url(serial DER content). */
    private static String certId(String opensslText) {
        Matcher aki = Pattern.compile("Authority Key Identifier:\\s*\n\\s*(?:keyid:)?([0-9A-F:]+)").matcher(opensslText);
        assertTrue(aki.find(), opensslText);
        Matcher serial = Pattern.compile("Serial Number:\\s*\n?\\s*([0-9a-f:]+)").matcher(opensslText);
        assertTrue(serial.find(), opensslText);
        byte[] keyId = java.util.HexFormat.of().parseHex(aki.group(1).replace(":", ""));
        return b64(keyId) + "." + b64(new BigInteger(serial.group(1).replace(":", ""), 16).toByteArray());
    }

    private static java.time.Instant opensslDate(String text, String field) {
        Matcher m = Pattern.compile(field + "=(.+)").matcher(text);
        assertTrue(m.find(), text);
        return java.time.ZonedDateTime.parse(m.group(1).trim().replaceAll("\\s+", " "),
                java.time.format.DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy z", java.util.Locale.ROOT)).toInstant();
    }

    private static Reply renewalInfo(String certId) throws IOException {
        String code = Commands.curl(work, data, "-D", "ari.headers", "-o", "ari.body", "-w", "%{http_code}", ACME + "renewal-info/" + certId)
                .expectSuccess().out();
        return new Reply(code, Files.readString(work.resolve("ari.headers")).toLowerCase(), Files.readString(work.resolve("ari.body")));
    }

    private static String location(Reply reply) {
        Matcher location = Pattern.compile("(?m)^location:\\s*(\\S+)").matcher(reply.headers());
        assertTrue(location.find(), reply.status() + " " + reply.headers() + reply.body());
        return location.group(1);
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }

    /** certbot with its directories in the work directory, trusting TrustChain's root for the ACME server's TLS. */
    private static Commands.Result certbot(String... args) {
        return certbotIn("certbot", args);
    }

    private static Commands.Result certbotIn(String directory, String... args) {
        Path dir = work.resolve(directory);
        List<String> command = new ArrayList<>(List.of("certbot", "--non-interactive", "--server", DIRECTORY, "--config-dir", dir.toString(),
                "--work-dir", dir.resolve("work").toString(), "--logs-dir", dir.resolve("logs").toString()));
        command.addAll(List.of(args));
        return run(command, Map.of("REQUESTS_CA_BUNDLE", data.resolve("root.pem").toString()));
    }

    /** A fresh nonce from HEAD new-nonce. */
    private static String nonce() throws IOException {
        Commands.curl(work, data, "-f", "-I", "-D", "nonce.headers", "-o", "/dev/null", ACME + "new-nonce").expectSuccess();
        Matcher m = Pattern.compile("(?im)^replay-nonce:\\s*(\\S+)").matcher(Files.readString(work.resolve("nonce.headers")));
        assertTrue(m.find(), "HEAD new-nonce has a Replay-Nonce");
        return m.group(1);
    }

    /** A new P-256 account key, and flattened JWS (RFC 7515) signed ES256 with it, made with the JDK alone. */
    private static final class Key {
        private final KeyPair pair;
        final String jwk;

        Key() throws Exception {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            pair = g.generateKeyPair();
            ECPublicKey pub = (ECPublicKey) pair.getPublic();
            jwk = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + b64(coordinate(pub.getW().getAffineX())) + "\",\"y\":\""
                    + b64(coordinate(pub.getW().getAffineY())) + "\"}";
        }

        /** {@code keyMember} is the "jwk" or "kid" member of the protected header; {@code nonce} null for an inner JWS. */
        String sign(String keyMember, String nonce, String url, String payload) throws Exception {
            String header = "{\"alg\":\"ES256\"," + keyMember + (nonce == null ? "" : ",\"nonce\":\"" + nonce + "\"") + ",\"url\":\"" + url + "\"}";
            String protectedB64 = b64(header.getBytes(StandardCharsets.UTF_8));
            String payloadB64 = b64(payload.getBytes(StandardCharsets.UTF_8));
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(pair.getPrivate());
            signer.update((protectedB64 + "." + payloadB64).getBytes(StandardCharsets.US_ASCII));
            return "{\"protected\":\"" + protectedB64 + "\",\"payload\":\"" + payloadB64 + "\",\"signature\":\"" + b64(signer.sign()) + "\"}";
        }

        String withJwk(String url, String payload) throws Exception {
            return sign("\"jwk\":" + jwk, nonce(), url, payload);
        }

        String withKid(String account, String url, String payload) throws Exception {
            return sign("\"kid\":\"" + account + "\"", nonce(), url, payload);
        }
    }

    /** The external account binding of {@code key} (RFC 8555 7.3.4): its JWK, MAC'd HS256 with the EAB key. */
    private static String eab(String eabKid, String hmacKey, Key key) throws Exception {
        String protectedB64 = b64(("{\"alg\":\"HS256\",\"kid\":\"" + eabKid + "\",\"url\":\"" + ACME + "new-account\"}").getBytes(StandardCharsets.UTF_8));
        String payloadB64 = b64(key.jwk.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getUrlDecoder().decode(hmacKey), "HmacSHA256"));
        byte[] tag = mac.doFinal((protectedB64 + "." + payloadB64).getBytes(StandardCharsets.US_ASCII));
        return "{\"protected\":\"" + protectedB64 + "\",\"payload\":\"" + payloadB64 + "\",\"signature\":\"" + b64(tag) + "\"}";
    }

    private record Reply(String status, String headers, String body) {
    }

    private static Reply postJws(String url, String jws) throws IOException {
        Files.writeString(work.resolve("jws.json"), jws);
        String code = Commands.curl(work, data, "-D", "acme.headers", "-o", "acme.body", "-w", "%{http_code}", "-H",
                "Content-Type: application/jose+json", "--data-binary", "@jws.json", url).expectSuccess().out();
        return new Reply(code, Files.readString(work.resolve("acme.headers")).toLowerCase(), Files.readString(work.resolve("acme.body")));
    }

    private static byte[] coordinate(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Test
    @Order(3)
    void legoRun_obtainsACertificate_thatVerifies_withScts() throws Exception {
        long before = TC.count("select count(*) from certificate");
        Commands.Result r = lego("web", "--email", "ops@" + NAME, "--eab", "--kid", kid, "--hmac", hmac,
                "--http", "--http.port", ":" + HTTP01_PORT, "--domains", NAME, "run");
        assertEquals(0, r.exit(), r.out() + r.err());
        Path certificate = legoCertificate("web");
        firstSerial = verifiedSerial(certificate);
        assertEquals(before + 1, TC.count("select count(*) from certificate"), "one certificate");
        assertEquals(1, TC.count("select count(*) from acme_account where account_id = (select id from account where name = 'acme-web')"
                + " and contacts = array['mailto:ops@" + NAME + "']"));
        assertEquals(1, TC.count("select count(*) from acme_challenge where status = 'valid' and validated_from in ('0:0:0:0:0:0:0:1', '::1')"),
                "the validation result is stored with the address it came from");
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'acme.order.valid' and actor = 'acme-web'"
                + " and details->>'serial' = '" + firstSerial + "' and details->>'validation' = 'http-01'"));
        // The EAB key binds one account only.
        Commands.Result again = lego("again", "--email", "other@" + NAME, "--eab", "--kid", kid, "--hmac", hmac,
                "--http", "--http.port", ":" + HTTP01_PORT, "--domains", NAME, "run");
        assertNotEquals(0, again.exit());
        assertTrue((again.out() + again.err()).contains("urn:ietf:params:acme:error:unauthorized"), again.out() + again.err());
    }

    @Test
    @Order(4)
    void aNameOutsideTheScopes_isRefused_andNothingIsIssued() throws Exception {
        long before = TC.count("select count(*) from certificate");
        Commands.Result r = lego("web", "--email", "ops@" + NAME, "--eab", "--kid", kid, "--hmac", hmac,
                "--http", "--http.port", ":" + HTTP01_PORT, "--domains", "caesar.hypermesh.online", "run");
        assertNotEquals(0, r.exit(), r.out() + r.err());
        assertTrue((r.out() + r.err()).contains("urn:ietf:params:acme:error:rejectedIdentifier")
                && (r.out() + r.err()).contains("outside the scopes of account 'acme-web'"), r.out() + r.err());
        assertEquals(before, TC.count("select count(*) from certificate"), "nothing issued");
    }

    @Test
    @Order(5)
    void legoRenew_getsANewCertificate() throws Exception {
        // lego wants --eab whenever the directory requires it, also for the account it has.
        Commands.Result r = lego("web", "--email", "ops@" + NAME, "--eab", "--kid", kid, "--hmac", hmac,
                "--http", "--http.port", ":" + HTTP01_PORT, "--domains", NAME, "renew", "--days", "30", "--no-random-sleep");
        assertEquals(0, r.exit(), r.out() + r.err());
        String renewed = verifiedSerial(legoCertificate("web"));
        assertNotEquals(firstSerial, renewed, "a new certificate");
        firstSerial = renewed;
        assertEquals(2, TC.count("select count(*) from acme_order where status = 'valid'"));
    }

    @Test
    @Order(6)
    void legoRevoke_revokes_asTheRestStatusShows() throws Exception {
        // First an attacker: a certificate made up with the real one's serial and the attacker's own key,
        // "proving" control of it by signing with that key. Refused, and the real certificate stays valid.
        Key attacker = new Key();
        java.time.Instant now = java.time.Instant.now();
        var forged = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(new org.bouncycastle.asn1.x500.X500Name("CN=forger"),
                new BigInteger(firstSerial, 16), java.util.Date.from(now.minusSeconds(60)), java.util.Date.from(now.plusSeconds(3600)),
                new org.bouncycastle.asn1.x500.X500Name("CN=" + NAME), attacker.pair.getPublic())
                .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA").build(attacker.pair.getPrivate()));
        Reply refused = postJws(ACME + "revoke-cert", attacker.withJwk(ACME + "revoke-cert",
                "{\"certificate\":\"" + b64(forged.getEncoded()) + "\",\"reason\":1}"));
        assertEquals("403", refused.status(), refused.body());
        assertTrue(refused.body().contains("urn:ietf:params:acme:error:unauthorized") && refused.body().contains("is not a certificate this CA issued"),
                refused.body());
        assertTrue(admin("-f", BASE + "/api/v1/ca/certificates/" + firstSerial).expectSuccess().out().contains("\"status\":\"valid\""));

        Commands.Result r = lego("web", "--email", "ops@" + NAME, "--eab", "--kid", kid, "--hmac", hmac, "--domains", NAME,
                "revoke", "--reason", "4");
        assertEquals(0, r.exit(), r.out() + r.err());
        String status = admin("-f", BASE + "/api/v1/ca/certificates/" + firstSerial).expectSuccess().out();
        assertTrue(status.contains("\"status\":\"revoked\"") && status.contains("superseded"), status);
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'certificate.revoked' and actor = 'acme-web'"));
    }

    /** The leaf's serial (API form) after openssl verified its chain against the root and found its SCTs. */
    private static String verifiedSerial(Path bundle) throws Exception {
        return verifiedSerial(bundle, NAME);
    }

    private static String verifiedSerial(Path bundle, String name) throws Exception {
        List<String> pems = Commands.pemBlocks(Files.readString(bundle));
        assertEquals(2, pems.size(), "leaf and intermediate");
        Files.writeString(work.resolve("leaf.pem"), pems.get(0));
        Files.writeString(work.resolve("intermediate.pem"), pems.get(1));
        Commands.Result verify = Commands.run(work, "openssl", "verify", "-CAfile", data.resolve("root.pem").toString(),
                "-untrusted", "intermediate.pem", "leaf.pem").expectSuccess();
        assertTrue(verify.out().contains("leaf.pem: OK"), verify.out());
        String text = Commands.run(work, "openssl", "x509", "-in", "leaf.pem", "-noout", "-text").expectSuccess().out();
        assertTrue(text.contains("CT Precertificate SCTs") && text.contains("DNS:" + name), text);
        String serial = Commands.run(work, "openssl", "x509", "-in", "leaf.pem", "-noout", "-serial").expectSuccess().out().trim();
        return serial.substring(serial.indexOf('=') + 1).toLowerCase().replaceFirst("^0+(?=.)", "");
    }

    private static Path legoCertificate(String client) {
        return work.resolve("lego-" + client).resolve("certificates").resolve(NAME + ".crt");
    }

    /** lego with its own data directory, trusting TrustChain's root for the ACME server's TLS. */
    private static Commands.Result lego(String client, String... args) {
        List<String> command = new ArrayList<>(List.of("lego", "--server", DIRECTORY, "--accept-tos", "--path",
                work.resolve("lego-" + client).toString()));
        command.addAll(List.of(args));
        return run(command, Map.of("LEGO_CA_CERTIFICATES", data.resolve("root.pem").toString()));
    }

    /** A client we did not write, with its output kept in files (lego's and certbot's are long). */
    private static Commands.Result run(List<String> command, Map<String, String> environment) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(environment);
        try {
            Path out = work.resolve(command.get(0) + ".out");
            Path err = work.resolve(command.get(0) + ".err");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command.get(0) + " timed out: " + command + "\n" + Files.readString(err));
            }
            return new Commands.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0) + " (is it installed? .ci/run installs Debian's lego and certbot)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static boolean sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    private static Commands.Result admin(String... args) {
        List<String> all = new ArrayList<>(List.of("-H", "Authorization: Bearer " + TC.token()));
        all.addAll(List.of(args));
        return Commands.curl(work, data, all.toArray(String[]::new));
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }
}
