package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;


/**
 * The per-account IP allowlist from the outside: its own TrustChain on port offset 2100, driven
 * with curl from ::1 as the README shows. An account's token works from anywhere while its list
 * is empty; a list that excludes ::1 refuses it (403 problem+json, within a second, audited); a
 * list that includes ::1 admits it again; a malformed list is refused and changes nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AllowlistBlackBoxIT {
    private static final int OFFSET = 2100;
    private static final String BASE = "https://[::1]:" + (8443 + OFFSET);
    /** A changed allowlist applies within the authenticator's one-second cache; this leaves room for a loaded machine. */
    private static final long APPLIES_WITHIN_MILLIS = 3000;

    @RegisterExtension
    static final BlackBoxServer TC = new BlackBoxServer("allowlist-blackbox", OFFSET);
    private static final Path work = TC.work();
    private static final Path data = TC.data();

    private static String token;

    @Test
    @Order(1)
    void emptyAllowlist_admitsAnywhere() throws Exception {
        Files.writeString(work.resolve("edge.json"), "{\"name\": \"edge\", \"roles\": [\"auditor\"]}");
        admin("-f", "-H", "Content-Type: application/json", "--data-binary", "@edge.json", BASE + "/api/v1/accounts").expectSuccess();
        Files.writeString(work.resolve("t.json"), "{\"name\": \"edge-1\"}");
        token = field(admin("-f", "-H", "Content-Type: application/json", "--data-binary", "@t.json",
                BASE + "/api/v1/accounts/edge/tokens").expectSuccess().out(), "token");
        String shown = admin("-f", BASE + "/api/v1/accounts/edge/allowlist").expectSuccess().out();
        assertEquals("{\"account\":\"edge\",\"networks\":[]}", shown);
        assertEquals("200", status(token, "ok.json"));
    }

    @Test
    @Order(2)
    void malformedAllowlist_isRefused_andChangesNothing() throws Exception {
        for (String[] bad : List.of(
                new String[] {"{\"networks\": [\"2001:db8::1/32\"]}", "has host bits set; the network is 2001:db8::/32"},
                new String[] {"{\"networks\": [\"example.com\"]}", "is not an IPv6 or IPv4 address"},
                new String[] {"{\"networks\": [\"2001:db8::/129\"]}", "the prefix length must be 0 to 128"},
                new String[] {"{\"nets\": []}", "nets"})) {
            Files.writeString(work.resolve("bad.json"), bad[0]);
            String body = assertProblem(admin("-o", "bad.out", "-w", "%{http_code}", "-X", "PUT", "-H", "Content-Type: application/json",
                    "--data-binary", "@bad.json", BASE + "/api/v1/accounts/edge/allowlist"), "bad.out", "400", "malformed-request");
            assertTrue(body.contains(bad[1]), bad[0] + " -> " + body);
        }
        assertEquals("{\"account\":\"edge\",\"networks\":[]}", admin("-f", BASE + "/api/v1/accounts/edge/allowlist").expectSuccess().out());
    }

    @Test
    @Order(3)
    void allowlistWithoutTheCaller_refusesWithin_aSecond_andAudits() throws Exception {
        String set = put("{\"networks\": [\"2001:DB8:0:0::/32\", \"192.0.2.0/24\"]}");
        assertEquals("{\"account\":\"edge\",\"networks\":[\"2001:db8::/32\",\"192.0.2.0/24\"]}", set, "canonical prefixes");
        long deadline = System.currentTimeMillis() + APPLIES_WITHIN_MILLIS;
        String code;
        do {
            code = status(token, "refused.json");
        } while (!"403".equals(code) && System.currentTimeMillis() < deadline);
        String body = assertProblem(code, "refused.json", "403", "forbidden");
        assertTrue(body.contains("account 'edge' may not call from") && body.contains("2001:db8::/32"), body);
        // The administrator's own account has no allowlist: it still works from ::1.
        assertEquals("200", admin("-o", "/dev/null", "-w", "%{http_code}", BASE + "/api/v1/accounts/edge").expectSuccess().out());
        assertTrue(TC.count("select count(*) from audit_event where action = 'request.refused.origin' and actor = 'edge' and object_id = 'edge'") >= 1,
                "the refusal is audited");
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'account.allowlist.changed' and object_id = 'edge'"));
    }

    @Test
    @Order(4)
    void allowlistWithTheCaller_admitsAgain_andEmptyIsAnywhere() throws Exception {
        assertEquals("{\"account\":\"edge\",\"networks\":[\"2001:db8::/32\",\"::1/128\"]}", put("{\"networks\": [\"2001:db8::/32\", \"::1\"]}"));
        assertEquals("200", eventually("200"));
        assertEquals("{\"account\":\"edge\",\"networks\":[]}", put("{\"networks\": []}"));
        assertEquals("200", eventually("200"));
    }

    private static String eventually(String expected) {
        long deadline = System.currentTimeMillis() + APPLIES_WITHIN_MILLIS;
        String code;
        do {
            code = status(token, "again.json");
        } while (!expected.equals(code) && System.currentTimeMillis() < deadline);
        return code;
    }

    private static String put(String json) throws Exception {
        Files.writeString(work.resolve("allow.json"), json);
        return admin("-f", "-X", "PUT", "-H", "Content-Type: application/json", "--data-binary", "@allow.json",
                BASE + "/api/v1/accounts/edge/allowlist").expectSuccess().out();
    }

    private static String status(String bearer, String file) {
        return Commands.curl(work, data, "-H", "Authorization: Bearer " + bearer, "-o", file, "-w", "%{http_code}",
                BASE + "/api/v1/ca/certificates").expectSuccess().out();
    }

    private static String assertProblem(Commands.Result r, String file, String status, String slug) throws Exception {
        return assertProblem(r.expectSuccess().out(), file, status, slug);
    }

    private static String assertProblem(String code, String file, String status, String slug) throws Exception {
        String body = Files.readString(work.resolve(file));
        assertEquals(status, code, body);
        assertTrue(body.contains("\"status\":" + status) && body.contains(slug) && body.contains("\"detail\""), body);
        return body;
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    private static Commands.Result admin(String... args) {
        List<String> withToken = new java.util.ArrayList<>(List.of("-H", "Authorization: Bearer " + Commands.adminToken(data)));
        withToken.addAll(List.of(args));
        return Commands.curl(work, data, withToken.toArray(new String[0]));
    }
}
