package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Accounts and tokens from the outside: its own TrustChain on port offset 1700, driven with curl
 * as the README shows. An administrator creates an account with a scope, gives it a token
 * (shown once), the token works, is listed without its secret, and is refused within a second of
 * its revocation; refusals are problem+json and change nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountsBlackBoxIT {
    private static final int OFFSET = 1700;
    private static final String BASE = "https://[::1]:" + (8443 + OFFSET);
    /** "A revoked token is refused at once (within a second on every node)." */
    private static final long REFUSED_WITHIN_MILLIS = 1000;

    /** Low enough for a test to reach, high enough for the other tests' requests of one account. */
    private static final int RATE_PER_MINUTE = 300;

    @RegisterExtension
    static final BlackBoxServer TC = new BlackBoxServer("accounts-blackbox", OFFSET,
            java.util.Map.of("TRUSTCHAIN_ACCOUNTS_RATE_PER_MINUTE", Integer.toString(RATE_PER_MINUTE),
                    // A name whose holder chose another CA, and one that forbids wildcards (RFC 8659).
                    "TRUSTCHAIN_DNS_CAA", "legacy 0 issue \"letsencrypt.org\", nowild 0 issue \"trust.hypermesh.online\", nowild 0 issuewild \";\""));
    private static final Path work = TC.work();
    private static final Path data = TC.data();

    private static String paymentsToken;
    private static String paymentsTokenId;

    @Test
    @Order(1)
    void initialAdministrator_isAnAccountWithTheDeploymentsNames() {
        String list = admin("-f", BASE + "/api/v1/accounts").expectSuccess().out();
        assertTrue(list.contains("\"name\":\"initial-admin\""), list);
        assertTrue(list.contains("\"roles\":[\"admin\",\"issuer\"]"), list);
        assertTrue(list.contains("\"value\":\"hypermesh.online\""), list);
        assertTrue(list.contains("\"value\":\"spiffe://hypermesh.online/\""), list);
        assertTrue(list.contains("\"name\":\"initial-emergency\""), list);
    }

    @Test
    @Order(2)
    void create_showsTheAccount_andRefusesADuplicate() throws Exception {
        Files.writeString(work.resolve("payments.json"), """
                {"name": "payments", "roles": ["issuer"],
                 "scopes": [{"type": "dns", "value": "Payments.HyperMesh.Online.", "subdomains": true},
                            {"type": "ip", "value": "2001:DB8:1:0::/48"},
                            {"type": "uri", "value": "spiffe://hypermesh.online/payments/"}],
                 "profiles": ["server", "client"], "regions": ["*"], "max_validity_hours": 24}
                """);
        Commands.Result created = admin("-o", "created.json", "-D", "created.headers", "-w", "%{http_code}",
                "-H", "Content-Type: application/json", "--data-binary", "@payments.json", BASE + "/api/v1/accounts").expectSuccess();
        String body = Files.readString(work.resolve("created.json"));
        assertEquals("201", created.out(), body);
        assertTrue(Files.readString(work.resolve("created.headers")).toLowerCase().contains("location: " ), "Location header");
        assertTrue(body.contains("\"value\":\"payments.hypermesh.online\""), "canonical DNS scope: " + body);
        assertTrue(body.contains("\"value\":\"2001:db8:1::/48\""), "canonical IP scope: " + body);
        assertTrue(body.contains("\"max_validity_hours\":24"), body);

        String shown = admin("-f", BASE + "/api/v1/accounts/payments").expectSuccess().out();
        assertTrue(shown.contains("\"subdomains\":true") && shown.contains("\"enabled\":true"), shown);

        assertProblem(admin("-o", "dup.json", "-w", "%{http_code}", "-H", "Content-Type: application/json",
                "--data-binary", "@payments.json", BASE + "/api/v1/accounts"), "dup.json", "409", "conflict");
    }

    @Test
    @Order(3)
    void badRequests_areProblemJson_andStoreNothing() throws Exception {
        String before = admin("-f", BASE + "/api/v1/accounts").expectSuccess().out();
        String[][] cases = {
                {"{\"name\": \"x1\", \"roles\": [\"root\"]}", "400", "is not one of admin, officer, issuer, auditor, emergency"},
                {"{\"name\": \"x2\", \"roles\": [\"issuer\"], \"scopes\": [{\"type\": \"dns\", \"value\": \"*.hypermesh.online\"}]}", "400", "must not contain '*'"},
                {"{\"name\": \"x3\", \"roles\": [\"issuer\"], \"scopes\": [{\"type\": \"ip\", \"value\": \"2001:db8::1/64\"}]}", "400", "host bits"},
                {"{\"name\": \"x4\", \"roles\": [\"issuer\"], \"scopes\": [{\"type\": \"dns\", \"value\": \"online\"}]}", "400", "single label"},
                {"{\"name\": \"x5\", \"roles\": [\"issuer\"], \"scope\": []}", "400", "scope"},
                {"{\"name\": \"X6\", \"roles\": [\"issuer\"]}", "400", "lower-case"},
                {"{\"name\": \"x7\", \"roles\": [\"issuer\"], \"regions\": [\"mars-1\"]}", "400", "not one of this deployment's regions"},
                {"{\"name\": \"x8\", \"roles\": [\"emergency\", \"admin\"]}", "400", "stands alone"},
        };
        int i = 0;
        for (String[] c : cases) {
            Path file = work.resolve("bad" + i + ".json");
            Files.writeString(file, c[0]);
            Commands.Result r = admin("-o", "bad" + i + ".out", "-w", "%{http_code}", "-H", "Content-Type: application/json",
                    "--data-binary", "@" + file.getFileName(), BASE + "/api/v1/accounts").expectSuccess();
            String problem = assertProblem(r, "bad" + i + ".out", c[1], "malformed-request");
            assertTrue(problem.contains(c[2]), c[0] + " -> " + problem);
            i++;
        }
        assertEquals(before, admin("-f", BASE + "/api/v1/accounts").expectSuccess().out(), "nothing stored");
    }

    @Test
    @Order(4)
    void token_isShownOnce_worksAndIsListedWithoutItsSecret() throws Exception {
        Files.writeString(work.resolve("token.json"), "{\"name\": \"ci\", \"expires_at\": \"" + java.time.Instant.now().plusSeconds(86400) + "\"}");
        Commands.Result r = admin("-o", "token.out", "-D", "token.headers", "-w", "%{http_code}", "-H", "Content-Type: application/json",
                "--data-binary", "@token.json", BASE + "/api/v1/accounts/payments/tokens").expectSuccess();
        String body = Files.readString(work.resolve("token.out"));
        assertEquals("201", r.out(), body);
        assertTrue(Files.readString(work.resolve("token.headers")).toLowerCase().contains("cache-control: no-store"));
        paymentsToken = field(body, "token");
        paymentsTokenId = Long.toString(Long.parseLong(numberField(body, "id")));
        assertTrue(paymentsToken.startsWith("tc_") && paymentsToken.length() > 40, body);

        String listed = admin("-f", BASE + "/api/v1/accounts/payments/tokens").expectSuccess().out();
        assertTrue(listed.contains("\"name\":\"ci\"") && listed.contains("\"status\":\"active\""), listed);
        assertFalse(listed.contains(paymentsToken), "the secret is never shown again");

        // Issued inside its scopes with its own token...
        csr("inside", "api.payments.hypermesh.online");
        Commands.Result issued = as(paymentsToken, "-o", "inside-chain.pem", "-w", "%{http_code}", "-H", "Content-Type: application/pkcs10",
                "--data-binary", "@inside.csr", BASE + "/api/v1/ca/certificates?profile=server").expectSuccess();
        assertEquals("201", issued.out(), Files.readString(work.resolve("inside-chain.pem")));
        // ...refused outside them (403 problem+json, nothing stored), and for the CA's own names even to the administrator.
        csr("outside", "example.com");
        String refused = assertProblem(as(paymentsToken, "-o", "outside.json", "-w", "%{http_code}", "-H", "Content-Type: application/pkcs10",
                "--data-binary", "@outside.csr", BASE + "/api/v1/ca/certificates?profile=server"), "outside.json", "403", "forbidden");
        assertTrue(refused.contains("'example.com' is outside the scopes of account 'payments'"), refused);
        String none = admin("-f", BASE + "/api/v1/ca/certificates?san=example.com").expectSuccess().out();
        assertFalse(none.contains("example.com\""), "nothing stored: " + none);
        csr("own", "trust.hypermesh.online");
        assertTrue(assertProblem(admin("-o", "own.json", "-w", "%{http_code}", "-H", "Content-Type: application/pkcs10",
                "--data-binary", "@own.csr", BASE + "/api/v1/ca/certificates?profile=server"), "own.json", "403", "forbidden")
                .contains("a name of the CA itself"));
        assertTrue(assertProblem(as(paymentsToken, "-o", "long.json", "-w", "%{http_code}", "-H", "Content-Type: application/pkcs10",
                "--data-binary", "@inside.csr", BASE + "/api/v1/ca/certificates?profile=server&validity_hours=48"), "long.json", "400",
                "policy-violation").contains("at most 24 hours"));

        // The account's token authenticates: it may read certificates (issuer)...
        assertEquals("200", as(paymentsToken, "-o", "/dev/null", "-w", "%{http_code}", BASE + "/api/v1/ca/certificates").expectSuccess().out());
        // ...but an issuer may not manage accounts.
        assertProblem(as(paymentsToken, "-o", "forbidden.json", "-w", "%{http_code}", BASE + "/api/v1/accounts"), "forbidden.json", "403", "forbidden");
        assertProblem(as(paymentsToken, "-o", "forbidden2.json", "-w", "%{http_code}", "-H", "Content-Type: application/json",
                "--data-binary", "@payments.json", BASE + "/api/v1/accounts"), "forbidden2.json", "403", "forbidden");
    }

    @Test
    @Order(5)
    void tokenRequests_areChecked() throws Exception {
        Files.writeString(work.resolve("past.json"), "{\"name\": \"old\", \"expires_at\": \"2020-01-01T00:00:00Z\"}");
        assertProblem(admin("-o", "past.out", "-w", "%{http_code}", "-H", "Content-Type: application/json",
                "--data-binary", "@past.json", BASE + "/api/v1/accounts/payments/tokens"), "past.out", "400", "malformed-request");
        Files.writeString(work.resolve("far.json"), "{\"name\": \"far\", \"expires_at\": \"2099-01-01T00:00:00Z\"}");
        assertProblem(admin("-o", "far.out", "-w", "%{http_code}", "-H", "Content-Type: application/json",
                "--data-binary", "@far.json", BASE + "/api/v1/accounts/payments/tokens"), "far.out", "400", "malformed-request");
        Files.writeString(work.resolve("again.json"), "{\"name\": \"ci\"}");
        assertProblem(admin("-o", "again.out", "-w", "%{http_code}", "-H", "Content-Type: application/json",
                "--data-binary", "@again.json", BASE + "/api/v1/accounts/payments/tokens"), "again.out", "409", "conflict");
        assertProblem(admin("-o", "nobody.out", "-w", "%{http_code}", "-H", "Content-Type: application/json",
                "--data-binary", "@again.json", BASE + "/api/v1/accounts/nobody/tokens"), "nobody.out", "404", "not-found");
    }

    @Test
    @Order(6)
    void change_replacesScopes() throws Exception {
        Files.writeString(work.resolve("change.json"), "{\"scopes\": [{\"type\": \"dns\", \"value\": \"pay.hypermesh.online\", \"wildcard\": true}],"
                + " \"max_validity_hours\": null}");
        String changed = admin("-f", "-X", "PATCH", "-H", "Content-Type: application/json", "--data-binary", "@change.json",
                BASE + "/api/v1/accounts/payments").expectSuccess().out();
        assertTrue(changed.contains("\"value\":\"pay.hypermesh.online\"") && changed.contains("\"wildcard\":true"), changed);
        assertFalse(changed.contains("2001:db8:1::/48"), changed);
        assertTrue(changed.contains("\"max_validity_hours\":null"), changed);
        assertTrue(changed.contains("\"roles\":[\"issuer\"]"), "roles kept: " + changed);
    }

    @Test
    @Order(7)
    void revokedToken_isRefusedWithinASecond() throws Exception {
        assertEquals("200", as(paymentsToken, "-o", "/dev/null", "-w", "%{http_code}", BASE + "/api/v1/ca/certificates").expectSuccess().out());
        String revoked = admin("-f", "-X", "DELETE", BASE + "/api/v1/accounts/payments/tokens/" + paymentsTokenId).expectSuccess().out();
        assertTrue(revoked.contains("\"status\":\"revoked\""), revoked);
        // The contract is "within a second": ask until then, and the answer must be a refusal by then.
        long deadline = System.currentTimeMillis() + REFUSED_WITHIN_MILLIS;
        String code;
        do {
            code = as(paymentsToken, "-o", "/dev/null", "-w", "%{http_code}", BASE + "/api/v1/ca/certificates").expectSuccess().out();
        } while (!code.equals("401") && System.currentTimeMillis() < deadline);
        assertEquals("401", code, "still accepted a second after its revocation");
        assertProblem(as(paymentsToken, "-o", "revoked.json", "-w", "%{http_code}", BASE + "/api/v1/ca/certificates"), "revoked.json", "401", "unauthorized");
    }

    @Test
    @Order(8)
    void disabledAccount_tokensRefused_andTheLastAdministratorStays() throws Exception {
        Files.writeString(work.resolve("t2.json"), "{\"name\": \"second\"}");
        String second = field(admin("-f", "-H", "Content-Type: application/json", "--data-binary", "@t2.json",
                BASE + "/api/v1/accounts/payments/tokens").expectSuccess().out(), "token");
        assertEquals("200", as(second, "-o", "/dev/null", "-w", "%{http_code}", BASE + "/api/v1/ca/certificates").expectSuccess().out());
        String disabled = admin("-f", "-X", "POST", BASE + "/api/v1/accounts/payments/disable").expectSuccess().out();
        assertTrue(disabled.contains("\"enabled\":false"), disabled);
        long deadline = System.currentTimeMillis() + REFUSED_WITHIN_MILLIS;
        String code;
        do {
            code = as(second, "-o", "/dev/null", "-w", "%{http_code}", BASE + "/api/v1/ca/certificates").expectSuccess().out();
        } while (!code.equals("401") && System.currentTimeMillis() < deadline);
        assertEquals("401", code, "a disabled account's token still accepted a second later");

        assertProblem(admin("-o", "last.json", "-w", "%{http_code}", "-X", "POST", BASE + "/api/v1/accounts/initial-admin/disable"),
                "last.json", "409", "conflict");
        assertTrue(Files.readString(work.resolve("last.json")).contains("last enabled administrator"));
        assertEquals("200", admin("-o", "/dev/null", "-w", "%{http_code}", BASE + "/api/v1/accounts").expectSuccess().out());
    }

    @Test
    @Order(9)
    void everyEndpoint_checksRoles_atTheBoundary() throws Exception {
        String emergency = Files.readString(data.resolve("emergency-token")).trim();
        Commands.Result r = as(emergency, "-o", "emergency.json", "-w", "%{http_code}", BASE + "/api/v1/ca/certificates");
        assertTrue(assertProblem(r, "emergency.json", "403", "forbidden").contains("needs one of the roles: admin, auditor, issuer, officer"));

        Files.writeString(work.resolve("auditor.json"), "{\"name\": \"audit\", \"roles\": [\"auditor\"]}");
        admin("-f", "-H", "Content-Type: application/json", "--data-binary", "@auditor.json", BASE + "/api/v1/accounts").expectSuccess();
        Files.writeString(work.resolve("t3.json"), "{\"name\": \"reader\"}");
        String auditor = field(admin("-f", "-H", "Content-Type: application/json", "--data-binary", "@t3.json",
                BASE + "/api/v1/accounts/audit/tokens").expectSuccess().out(), "token");
        assertEquals("200", as(auditor, "-o", "/dev/null", "-w", "%{http_code}", BASE + "/api/v1/accounts").expectSuccess().out());
        assertEquals("200", as(auditor, "-o", "/dev/null", "-w", "%{http_code}", BASE + "/api/v1/ca/certificates").expectSuccess().out());
        assertProblem(as(auditor, "-o", "auditor-write.json", "-w", "%{http_code}", "-X", "POST", BASE + "/api/v1/accounts/audit/disable"),
                "auditor-write.json", "403", "forbidden");
        Files.writeString(work.resolve("csr.json"), "{\"csr\": \"x\", \"profile\": \"server\"}");
        assertProblem(as(auditor, "-o", "auditor-issue.json", "-w", "%{http_code}", "-H", "Content-Type: application/json",
                "--data-binary", "@csr.json", BASE + "/api/v1/ca/certificates"), "auditor-issue.json", "403", "forbidden");
    }

    @Test
    @Order(10)
    void anAccountBeyondItsRate_gets429WithRetryAfter() throws Exception {
        Files.writeString(work.resolve("busy.json"), "{\"name\": \"busy\", \"roles\": [\"auditor\"]}");
        admin("-f", "-H", "Content-Type: application/json", "--data-binary", "@busy.json", BASE + "/api/v1/accounts").expectSuccess();
        String busy = field(admin("-f", "-H", "Content-Type: application/json", "--data-binary", "@t3.json",
                BASE + "/api/v1/accounts/busy/tokens").expectSuccess().out(), "token");
        // One curl, many requests on one connection: more than the bucket holds. The refusal is read
        // from within the burst (the last requests keep their bodies): a request sent afterwards may
        // already find a token refilled, on a slow machine. The bucket refills RATE/60 a second while
        // the burst runs, so it goes a third beyond the limit: a loaded machine serving 320 requests
        // in 5 s had refilled enough to admit them all.
        int extra = RATE_PER_MINUTE / 3;
        int total = RATE_PER_MINUTE + extra;
        List<String> args = new ArrayList<>(List.of("-w", "%{http_code} %header{retry-after}\\n"));
        for (int i = 0; i < total; i++) {
            args.addAll(List.of("-o", i >= total - extra ? "limited-" + i + ".json" : "/dev/null", BASE + "/api/v1/ca/certificates?limit=1"));
        }
        List<String> lines = List.of(as(busy, args.toArray(new String[0])).expectSuccess().out().split("\n"));
        List<String> codes = lines.stream().map(l -> l.split(" ")[0]).toList();
        assertTrue(codes.stream().filter("200"::equals).count() >= RATE_PER_MINUTE - 5, "admitted up to the limit: "
                + codes.stream().collect(java.util.stream.Collectors.groupingBy(c -> c, java.util.TreeMap::new, java.util.stream.Collectors.counting()))
                + ", the first refusal at " + codes.indexOf("429"));
        assertTrue(codes.contains("429"), "refused beyond it: " + codes.stream().distinct().toList());
        int refused = -1;
        for (int i = total - extra; i < total && refused < 0; i++) {
            if (codes.get(i).equals("429")) {
                refused = i;
            }
        }
        assertTrue(refused >= 0, "one of the last " + extra + " requests was refused: " + lines.subList(total - extra, total));
        assertTrue(lines.get(refused).matches("429 [1-9][0-9]*"), "Retry-After in seconds: " + lines.get(refused));
        String body = Files.readString(work.resolve("limited-" + refused + ".json"));
        assertTrue(body.contains("\"status\":429") && body.contains("rate-limited") && body.contains("\"detail\""), body);
        // Another account is not affected.
        assertEquals("200", admin("-o", "/dev/null", "-w", "%{http_code}", BASE + "/api/v1/accounts").expectSuccess().out());
    }

    @Test
    @Order(11)
    void caaInTheZone_namingAnotherCa_blocksIssuance() throws Exception {
        String dnsPort = Integer.toString(8053 + OFFSET);
        String published = Commands.run(work, "dig", "@::1", "-p", dnsPort, "+short", "CAA", "legacy.hypermesh.online").expectSuccess().out().trim();
        assertEquals("0 issue \"letsencrypt.org\"", published, "the zone serves the operator's record");

        // Below the name too: the climb finds legacy's record first.
        csr("legacy", "www.legacy.hypermesh.online");
        String refused = assertProblem(admin("-o", "legacy.json", "-w", "%{http_code}", "-H", "Content-Type: application/pkcs10",
                "--data-binary", "@legacy.csr", BASE + "/api/v1/ca/certificates?profile=server"), "legacy.json", "403", "forbidden");
        assertTrue(refused.contains("CAA forbids issuing for 'www.legacy.hypermesh.online'") && refused.contains("letsencrypt.org"), refused);
        String none = admin("-f", BASE + "/api/v1/ca/certificates?san=www.legacy.hypermesh.online").expectSuccess().out();
        assertFalse(none.contains("www.legacy.hypermesh.online\""), "nothing stored: " + none);

        // issuewild ";" forbids the wildcard and leaves the name itself to issue.
        csr("nowild", "nowild.hypermesh.online");
        assertEquals("201", admin("-o", "nowild-chain.pem", "-w", "%{http_code}", "-H", "Content-Type: application/pkcs10",
                "--data-binary", "@nowild.csr", BASE + "/api/v1/ca/certificates?profile=server").expectSuccess().out());
        // The intermediate that signed it carries the deployment's name constraints (RFC 5280 4.2.1.10).
        Commands.run(work, "sh", "-c", "awk 'n>=1{print} /END CERTIFICATE/{n++}' nowild-chain.pem > nowild-issuer.pem").expectSuccess();
        String issuer = Commands.run(work, "openssl", "x509", "-in", "nowild-issuer.pem", "-noout", "-ext", "nameConstraints").expectSuccess().out();
        assertTrue(issuer.contains("X509v3 Name Constraints: critical") && issuer.contains("DNS:hypermesh.online")
                && issuer.contains("DNS:localhost") && issuer.contains("URI:hypermesh.online"), issuer);
        csr("wild", "*.nowild.hypermesh.online");
        assertTrue(assertProblem(admin("-o", "wild.json", "-w", "%{http_code}", "-H", "Content-Type: application/pkcs10",
                "--data-binary", "@wild.csr", BASE + "/api/v1/ca/certificates?profile=server"), "wild.json", "403", "forbidden")
                .contains("'issuewild'"));
        assertEquals(2, TC.count("select count(*) from audit_event where action = 'certificate.refused'"
                + " and details->>'reason' like 'CAA forbids%'"), "each refusal is audited");
    }

    @Test
    @Order(12)
    void anIssuerOwnsAaaaRecords_onlyWithinItsScopes() throws Exception {
        Files.writeString(work.resolve("web.json"), """
                {"name": "web", "roles": ["issuer"],
                 "scopes": [{"type": "dns", "value": "web.hypermesh.online", "subdomains": true, "wildcard": false}],
                 "profiles": ["server"], "regions": ["*"]}""");
        admin("-f", "-H", "Content-Type: application/json", "--data-binary", "@web.json", BASE + "/api/v1/accounts").expectSuccess();
        Files.writeString(work.resolve("web-token.json"), "{\"name\": \"dns\"}");
        String web = field(admin("-f", "-H", "Content-Type: application/json", "--data-binary", "@web-token.json",
                BASE + "/api/v1/accounts/web/tokens").expectSuccess().out(), "token");
        Files.writeString(work.resolve("aaaa.json"), "{\"aaaa\": [\"2001:db8:7::1\"]}");

        assertEquals("200", as(web, "-o", "own.out", "-w", "%{http_code}", "-X", "PUT", "-H", "Content-Type: application/json",
                "--data-binary", "@aaaa.json", BASE + "/api/v1/dns/records/api.web").expectSuccess().out(), Files.readString(work.resolve("own.out")));
        String dnsPort = Integer.toString(8053 + OFFSET);
        String answer = "";
        for (int i = 0; i < 50 && !answer.equals("2001:db8:7::1"); i++) {
            answer = Commands.run(work, "dig", "@::1", "-p", dnsPort, "+short", "AAAA", "api.web.hypermesh.online").expectSuccess().out().trim();
            Thread.sleep(100);
        }
        assertEquals("2001:db8:7::1", answer, "the zone serves the issuer's record");

        assertTrue(assertProblem(as(web, "-o", "elsewhere.json", "-w", "%{http_code}", "-X", "PUT", "-H", "Content-Type: application/json",
                "--data-binary", "@aaaa.json", BASE + "/api/v1/dns/records/shop"), "elsewhere.json", "403", "forbidden")
                .contains("outside the scopes of account 'web'"));
        admin("-f", "-X", "PUT", "-H", "Content-Type: application/json", "--data-binary", "@aaaa.json", BASE + "/api/v1/dns/records/admin.web")
                .expectSuccess();
        assertTrue(assertProblem(as(web, "-o", "theirs.json", "-w", "%{http_code}", "-X", "DELETE", BASE + "/api/v1/dns/records/admin.web"),
                "theirs.json", "403", "forbidden").contains("belong to initial-admin"));
        assertEquals("204", as(web, "-o", "/dev/null", "-w", "%{http_code}", "-X", "DELETE", BASE + "/api/v1/dns/records/api.web")
                .expectSuccess().out());
        assertEquals(1, TC.count("select count(*) from dns_aaaa_record where name = 'admin.web'"), "the refused delete changed nothing");
    }

    @Test
    @Order(13)
    void aClientCertificate_boundToAnAccount_authenticatesLikeItsToken() throws Exception {
        Files.writeString(work.resolve("ops.json"), """
                {"name": "ops", "roles": ["issuer"],
                 "scopes": [{"type": "dns", "value": "ops.hypermesh.online", "subdomains": true, "wildcard": false},
                            {"type": "uri", "value": "spiffe://hypermesh.online/ops/"}],
                 "profiles": ["server", "client"], "regions": ["*"]}""");
        admin("-f", "-H", "Content-Type: application/json", "--data-binary", "@ops.json", BASE + "/api/v1/accounts").expectSuccess();
        // Bob's certificate exists before his identifier is bound: it must never count.
        clientCertificate("bob", "spiffe://hypermesh.online/ops/bob");
        bind("ops", "spiffe://hypermesh.online/ops/alice");
        bind("ops", "spiffe://hypermesh.online/ops/bob");
        assertProblem(admin("-o", "dup.json", "-w", "%{http_code}", "-H", "Content-Type: application/json", "--data-binary",
                "@bind.json", BASE + "/api/v1/accounts/initial-admin/client-identities"), "dup.json", "409", "conflict");
        String alice = clientCertificate("alice", "spiffe://hypermesh.online/ops/alice");

        // With the certificate and no token, curl is account 'ops' (an issuer) on the API.
        csr("ops-web", "web.ops.hypermesh.online");
        assertEquals("201", withCertificate("alice", "-o", "ops-web-chain.pem", "-w", "%{http_code}", "-H", "Content-Type: application/pkcs10",
                "--data-binary", "@ops-web.csr", BASE + "/api/v1/ca/certificates?profile=server").expectSuccess().out(),
                Files.readString(work.resolve("ops-web-chain.pem")));
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'certificate.issued' and actor = 'ops'"),
                "issued and audited as the account the certificate is bound to");
        assertTrue(assertProblem(withCertificate("alice", "-o", "ops-outside.json", "-w", "%{http_code}", "-H", "Content-Type: application/pkcs10",
                "--data-binary", "@outside.csr", BASE + "/api/v1/ca/certificates?profile=server"), "ops-outside.json", "403", "forbidden")
                .contains("outside the scopes of account 'ops'"));
        assertProblem(withCertificate("alice", "-o", "ops-accounts.json", "-w", "%{http_code}", BASE + "/api/v1/accounts"),
                "ops-accounts.json", "403", "forbidden");

        assertTrue(assertProblem(withCertificate("bob", "-o", "bob.json", "-w", "%{http_code}", BASE + "/api/v1/ca/certificates"),
                "bob.json", "401", "unauthorized").contains("before 'spiffe://hypermesh.online/ops/bob' was bound"));
        // Revoked: refused within a second, like a token.
        Files.writeString(work.resolve("revoke.json"), "{\"reason\": \"keyCompromise\"}");
        admin("-f", "-H", "Content-Type: application/json", "--data-binary", "@revoke.json",
                BASE + "/api/v1/ca/certificates/" + alice + "/revoke").expectSuccess();
        long revokedAt = System.currentTimeMillis();
        String status;
        do {
            status = withCertificate("alice", "-o", "revoked.json", "-w", "%{http_code}", BASE + "/api/v1/ca/certificates").expectSuccess().out();
        } while (!status.equals("401") && System.currentTimeMillis() - revokedAt < 5_000);
        assertTrue(System.currentTimeMillis() - revokedAt <= REFUSED_WITHIN_MILLIS + 500, "refused within a second");
        assertTrue(Files.readString(work.resolve("revoked.json")).contains("is revoked"), Files.readString(work.resolve("revoked.json")));

        // A certificate the CA did not issue fails the handshake itself: curl never gets an HTTP answer.
        Commands.run(work, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "self.key",
                "-subj", "/CN=self", "-addext", "subjectAltName=URI:spiffe://hypermesh.online/ops/alice", "-addext",
                "extendedKeyUsage=clientAuth", "-days", "1", "-out", "self.pem").expectSuccess();
        Commands.Result self = withCertificate("self", "-o", "/dev/null", "-w", "%{http_code}", BASE + "/api/v1/ca/certificates");
        assertFalse(self.exit() == 0 && self.out().startsWith("2"), "a foreign certificate is refused: " + self.out());
    }

    @Test
    @Order(14)
    void theAuditTrail_isChained_signed_exported_andTamperingIsFoundAtItsPosition() throws Exception {
        // Everything the tests above did is in the trail; within a second or two it is all chained.
        String page = "";
        for (int i = 0; i < 100 && !page.contains("\"unchained\":0"); i++) {
            Thread.sleep(100);
            page = admin("-f", BASE + "/api/v1/audit?limit=5&action=account.created").expectSuccess().out();
        }
        assertTrue(page.contains("\"unchained\":0") && page.contains("\"action\":\"account.created\"") && page.contains("\"seq\":"), page);
        Files.writeString(work.resolve("web-audit.json"), "{\"name\": \"audit-check\"}");
        String issuer = field(admin("-f", "-H", "Content-Type: application/json", "--data-binary", "@web-audit.json",
                BASE + "/api/v1/accounts/web/tokens").expectSuccess().out(), "token");
        assertProblem(as(issuer, "-o", "audit-forbidden.json", "-w", "%{http_code}", BASE + "/api/v1/audit"),
                "audit-forbidden.json", "403", "forbidden");

        // Append-only in the database itself, for the application's own role.
        java.sql.SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                () -> TC.execute("trustchain", "update audit_event set actor = 'mallory' where id = 1"));
        assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class, () -> TC.execute("trustchain", "delete from audit_chain"));

        String checkpoint = admin("-f", "-X", "POST", BASE + "/api/v1/audit/checkpoints").expectSuccess().out();
        assertTrue(checkpoint.contains("\"text\":\"trustchain audit checkpoint v1\\norigin hypermesh.online\\n"), checkpoint);
        admin("-f", "-o", "audit-key.pem", BASE + "/api/v1/audit/key").expectSuccess();
        String from = java.time.Instant.now().minusSeconds(3600).toString();
        String to = java.time.Instant.now().plusSeconds(60).toString();
        admin("-f", "-o", "audit.bundle", BASE + "/api/v1/audit/export?from=" + from + "&to=" + to).expectSuccess();
        Commands.Result ok = verifyAudit("audit.bundle");
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.out().startsWith("OK: ") && ok.out().contains("signed by audit-key.pem"), ok.out());

        // The signature alone, with openssl: the last line is a checkpoint (text and DER signature, base64).
        Commands.run(work, "sh", "-c", "tail -n 1 audit.bundle | cut -d' ' -f2 | base64 -d > checkpoint.txt"
                + " && tail -n 1 audit.bundle | cut -d' ' -f3 | base64 -d > checkpoint.sig").expectSuccess();
        assertTrue(Commands.run(work, "openssl", "dgst", "-sha256", "-verify", "audit-key.pem", "-signature", "checkpoint.sig",
                "checkpoint.txt").expectSuccess().out().contains("Verified OK"));

        // One byte of one exported event changed: found at its position.
        List<String> lines = new ArrayList<>(Files.readAllLines(work.resolve("audit.bundle")));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("event 3 ")) {
                lines.set(i, lines.get(i).replace("\"actor\":\"", "\"actor\":\"X"));
            }
        }
        Files.write(work.resolve("edited.bundle"), lines);
        Commands.Result edited = verifyAudit("edited.bundle");
        assertEquals(1, edited.exit(), edited.out());
        assertTrue(edited.out().contains("FAILED at position 3"), edited.out());

        // In the database, by its superuser, who can switch a trigger off: a deleted row, then a changed one, each found
        // where it is by the next export.
        TC.execute("postgres", "alter table audit_chain disable trigger audit_chain_append_only", "delete from audit_chain where seq = 7",
                "alter table audit_chain enable trigger audit_chain_append_only");
        admin("-f", "-o", "deleted.bundle", BASE + "/api/v1/audit/export?from=" + from + "&to=" + to).expectSuccess();
        Commands.Result deleted = verifyAudit("deleted.bundle");
        assertTrue(deleted.exit() == 1 && deleted.out().contains("FAILED at position 7") && deleted.out().contains("missing"), deleted.out());
        TC.execute("postgres", "alter table audit_event disable trigger audit_event_append_only",
                "update audit_event set actor = 'mallory' where id = (select event_id from audit_chain where seq = 5)",
                "alter table audit_event enable trigger audit_event_append_only");
        admin("-f", "-o", "tampered.bundle", BASE + "/api/v1/audit/export?from=" + from + "&to=" + to).expectSuccess();
        Commands.Result tampered = verifyAudit("tampered.bundle");
        assertEquals(1, tampered.exit(), tampered.out());
        assertTrue(tampered.out().contains("FAILED at position 5"), tampered.out());
    }

    private static Commands.Result verifyAudit(String bundle) {
        return Commands.run(work, "java", "-jar", Scripts.repo().resolve("witness/target/trustchain-witness.jar").toString(), "verify-audit",
                bundle, "--key", "audit-key.pem");
    }

    /** A client certificate for the URI, issued by the administrator; returns its serial. */
    private static String clientCertificate(String file, String uri) throws Exception {
        Commands.run(work, "openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", file + ".key",
                "-subj", "/", "-addext", "subjectAltName=URI:" + uri, "-out", file + ".csr").expectSuccess();
        assertEquals("201", admin("-o", file + ".pem", "-D", file + ".headers", "-w", "%{http_code}", "-H", "Content-Type: application/pkcs10",
                "--data-binary", "@" + file + ".csr", BASE + "/api/v1/ca/certificates?profile=client").expectSuccess().out(),
                Files.readString(work.resolve(file + ".pem")));
        Matcher m = Pattern.compile("(?im)^location: .*/certificates/([0-9a-f]+)").matcher(Files.readString(work.resolve(file + ".headers")));
        assertTrue(m.find(), Files.readString(work.resolve(file + ".headers")));
        return m.group(1);
    }

    private static void bind(String account, String identifier) throws Exception {
        Files.writeString(work.resolve("bind.json"), "{\"identifier\": \"" + identifier + "\"}");
        String bound = admin("-f", "-H", "Content-Type: application/json", "--data-binary", "@bind.json",
                BASE + "/api/v1/accounts/" + account + "/client-identities").expectSuccess().out();
        assertTrue(bound.contains("\"identifier\":\"" + identifier + "\"") && bound.contains("\"status\":\"active\""), bound);
    }

    /** curl with the TLS client certificate (and its chain) in {@code <file>.pem} and no token. */
    private static Commands.Result withCertificate(String file, String... args) {
        List<String> all = new ArrayList<>(List.of("--cert", file + ".pem", "--key", file + ".key"));
        all.addAll(List.of(args));
        return Commands.curl(work, data, all.toArray(new String[0]));
    }

    private static void csr(String file, String name) {
        if (!Files.exists(work.resolve("leaf.key"))) {
            Commands.run(work, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "leaf.key").expectSuccess();
        }
        Commands.run(work, "openssl", "req", "-new", "-key", "leaf.key", "-subj", "/CN=" + name, "-addext", "subjectAltName=DNS:" + name,
                "-out", file + ".csr").expectSuccess();
    }

    /** Asserts status and problem+json type; returns the body. */
    private static String assertProblem(Commands.Result r, String file, String status, String slug) throws Exception {
        String body = Files.readString(work.resolve(file));
        assertEquals(status, r.expectSuccess().out(), body);
        assertTrue(body.contains("\"status\":" + status) && body.contains(slug) && body.contains("\"detail\""), body);
        return body;
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    private static String numberField(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    private static Commands.Result admin(String... args) {
        return as(Commands.adminToken(data), args);
    }

    private static Commands.Result as(String token, String... args) {
        List<String> withToken = new ArrayList<>(List.of("-H", "Authorization: Bearer " + token));
        withToken.addAll(List.of(args));
        return Commands.curl(work, data, withToken.toArray(new String[0]));
    }
}
