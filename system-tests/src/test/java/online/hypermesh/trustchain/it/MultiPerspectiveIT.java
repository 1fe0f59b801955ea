package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Multi-perspective validation (CA/Browser Forum BR 3.2.2.9) with three remote perspectives, each
 * a trustchain-perspective agent in its own network namespace ({@code ip netns}) with its own
 * address and its own resolver address, reaching the ACME client's http-01 server through its own
 * link. lego obtains a certificate when all three agree, and still when one is cut off (its link
 * down: a network partition); with a second one gone as well, the challenge fails with an ACME
 * problem naming both, and nothing is issued. Every perspective's result is stored with the challenge.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiPerspectiveIT {
    private static final int OFFSET = 3100;
    private static final String BASE = "https://[::1]:" + (8443 + OFFSET);
    private static final String DIRECTORY = "https://localhost:" + (8443 + OFFSET) + "/acme/directory";
    private static final int HTTP01_PORT = 5080 + OFFSET;
    private static final int DNS_PORT = 8053 + OFFSET;
    private static final int AGENT_PORT = 9444 + OFFSET;
    private static final String NAME = "mp.hypermesh.online";
    private static final int PERSPECTIVES = 3;
    /** The host's end of perspective 1's link: the name's address, reachable from the host and every namespace. */
    private static final String SERVED_AT = "fd7c:1::1";
    private static final Path SECRET = secret();

    @RegisterExtension
    static final BlackBoxServer TC = new BlackBoxServer("multi-perspective", OFFSET, Map.of(
            "TRUSTCHAIN_ACME_HTTP01_PORT", Integer.toString(HTTP01_PORT),
            "TRUSTCHAIN_ACME_RESOLVERS", "[::1]:" + DNS_PORT,
            "TRUSTCHAIN_ACME_VALIDATION_TIMEOUT_MS", "3000",
            "TRUSTCHAIN_ACME_PERSPECTIVES", "p1=http://[fd7c:1::2]:" + AGENT_PORT + ",p2=http://[fd7c:2::2]:" + AGENT_PORT
                    + ",p3=http://[fd7c:3::2]:" + AGENT_PORT,
            "TRUSTCHAIN_ACME_PERSPECTIVES_SECRET_FILE", SECRET.toString()));
    private static final Path work = TC.work();
    private static final Path data = TC.data();
    private static final List<Process> agents = new ArrayList<>();
    private static String kid;
    private static String hmac;

    private static Path secret() {
        try {
            Path file = Path.of(System.getProperty("trustchain.it.work", "target/it")).toAbsolutePath().resolve("multi-perspective.secret");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "shared by the CA and its three perspectives\n");
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void perspectivesInTheirOwnNamespaces() throws Exception {
        removeNamespaces();
        for (int i = 1; i <= PERSPECTIVES; i++) {
            String ns = "tc-mp" + i;
            ip("netns", "add", ns);
            ip("link", "add", "tcmp" + i + "h", "type", "veth", "peer", "name", "tcmp" + i + "n");
            ip("link", "set", "tcmp" + i + "n", "netns", ns);
            ip("-6", "addr", "add", "fd7c:" + i + "::1/64", "dev", "tcmp" + i + "h", "nodad");
            ip("link", "set", "tcmp" + i + "h", "up");
            ip("-n", ns, "link", "set", "lo", "up");
            ip("-n", ns, "-6", "addr", "add", "fd7c:" + i + "::2/64", "dev", "tcmp" + i + "n", "nodad");
            ip("-n", ns, "link", "set", "tcmp" + i + "n", "up");
            ip("-n", ns, "-6", "route", "add", "default", "via", "fd7c:" + i + "::1");
            // Each perspective asks the mesh DNS through the host's address on its own link.
            Path log = work.resolve("perspective-p" + i + ".log");
            agents.add(new ProcessBuilder("ip", "netns", "exec", ns, "java", "-jar",
                    Scripts.repo().resolve("perspective/target/trustchain-perspective.jar").toString(), "--name", "p" + i,
                    "--listen", "[fd7c:" + i + "::2]:" + AGENT_PORT, "--secret-file", SECRET.toString(),
                    "--resolver", "[fd7c:" + i + "::1]:" + DNS_PORT, "--http01-port", Integer.toString(HTTP01_PORT), "--timeout-ms", "3000")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start());
        }
        for (int i = 1; i <= PERSPECTIVES; i++) {
            Path log = work.resolve("perspective-p" + i + ".log");
            long deadline = System.currentTimeMillis() + 30_000;
            while (!Files.readString(log).contains("listening on") && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(Files.readString(log).contains("listening on"), "perspective p" + i + " started: " + Files.readString(log));
        }
    }

    @AfterAll
    static void removePerspectives() throws Exception {
        for (Process p : agents) {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        removeNamespaces();
    }

    @Test
    @Order(1)
    void allThreePerspectivesAgree_andTheirResultsAreStored() throws Exception {
        Files.writeString(work.resolve("mp.json"), "{\"name\": \"acme-mp\", \"roles\": [\"issuer\"], \"scopes\": [{\"type\": \"dns\", \"value\": \""
                + NAME + "\"}], \"profiles\": [\"server\"], \"regions\": [\"*\"]}");
        admin("-f", "-H", "Content-Type: application/json", "--data-binary", "@mp.json", BASE + "/api/v1/accounts").expectSuccess();
        Commands.Result eab = admin("-f", "-X", "POST", BASE + "/api/v1/accounts/acme-mp/acme-eab").expectSuccess();
        kid = field(eab.out(), "kid");
        hmac = field(eab.out(), "hmac_key");
        Files.writeString(work.resolve("aaaa.json"), "{\"aaaa\": [\"" + SERVED_AT + "\"]}");
        admin("-f", "-X", "PUT", "-H", "Content-Type: application/json", "--data-binary", "@aaaa.json", BASE + "/api/v1/dns/records/" + NAME)
                .expectSuccess();
        // The second perspective sees the name through its own link, as the CA sees it through loopback.
        long deadline = System.currentTimeMillis() + 10_000;
        String seen;
        do {
            seen = Commands.run(work, "ip", "netns", "exec", "tc-mp2", "dig", "@fd7c:2::1", "-p", Integer.toString(DNS_PORT), "+short", "AAAA", NAME)
                    .out().trim();
        } while (!seen.equals(SERVED_AT) && System.currentTimeMillis() < deadline && sleep());
        assertEquals(SERVED_AT, seen);

        Commands.Result r = lego("run");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals(1, TC.count("select count(*) from certificate where '" + NAME + "' = any(names)"));
        assertEquals(4, TC.count("select count(*) from acme_validation_perspective where valid"), "primary, p1, p2 and p3");
        assertEquals(3, TC.count("select count(*) from acme_validation_perspective where perspective like 'p_' and valid"
                + " and validated_from = 'fd7c:1:0:0:0:0:0:1'"), "each remote perspective fetched from the name's address");
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'acme.challenge.validated'"
                + " and details->>'perspectives' = 'primary=valid,p1=valid,p2=valid,p3=valid'"));
    }

    @Test
    @Order(2)
    void onePerspectiveCutOff_isToleratedAndRecorded() throws Exception {
        ip("link", "set", "tcmp3h", "down");
        Commands.Result r = lego("renew", "--days", "30", "--no-random-sleep");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals(2, TC.count("select count(*) from certificate where '" + NAME + "' = any(names)"));
        assertEquals(1, TC.count("select count(*) from acme_validation_perspective where perspective = 'p3' and not valid"
                + " and error like 'no verdict:%'"), "p3 gave no verdict, and that is on record");
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'acme.challenge.validated'"
                + " and details->>'result' = 'valid' and details->>'perspectives' = 'primary=valid,p1=valid,p2=valid,p3=invalid'"));
    }

    @Test
    @Order(3)
    void twoOfThreeGone_failsTheChallenge_andNothingIsIssued() throws Exception {
        agents.get(1).destroy();
        agents.get(1).waitFor(10, TimeUnit.SECONDS);
        long before = TC.count("select count(*) from certificate");
        Commands.Result r = lego("renew", "--days", "30", "--no-random-sleep");
        assertNotEquals(0, r.exit(), r.out() + r.err());
        String said = r.out() + r.err();
        assertTrue(said.contains("urn:ietf:params:acme:error:unauthorized") && said.contains("2 of 3 remote perspectives did not corroborate"), said);
        assertEquals(before, TC.count("select count(*) from certificate"), "nothing issued");
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'acme.challenge.validated' and details->>'result' = 'invalid'"
                + " and details->>'perspectives' = 'primary=valid,p1=valid,p2=invalid,p3=invalid'"));
    }

    private static Commands.Result lego(String... command) {
        List<String> all = new ArrayList<>(List.of("lego", "--server", DIRECTORY, "--accept-tos", "--path", work.resolve("lego").toString(),
                "--email", "ops@" + NAME, "--eab", "--kid", kid, "--hmac", hmac, "--http", "--http.port", ":" + HTTP01_PORT, "--domains", NAME));
        all.addAll(List.of(command));
        return Commands.runWithEnvironment(work, all, Map.of("LEGO_CA_CERTIFICATES", data.resolve("root.pem").toString()));
    }

    private static void ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Commands.Result r = Commands.run(Path.of("."), command);
        assertEquals(0, r.exit(), "ip " + String.join(" ", args) + " (network namespaces need root and iproute2): " + r.out() + r.err());
    }

    private static void removeNamespaces() {
        for (int i = 1; i <= PERSPECTIVES; i++) {
            // Deleting the namespace removes its end of the link and with it the host's end.
            Commands.run(Path.of("."), List.of("ip", "netns", "del", "tc-mp" + i));
            Commands.run(Path.of("."), List.of("ip", "link", "del", "tcmp" + i + "h"));
        }
    }

    private static Commands.Result admin(String... args) {
        List<String> all = new ArrayList<>(List.of("-H", "Authorization: Bearer " + TC.token()));
        all.addAll(List.of(args));
        return Commands.curl(work, data, all.toArray(String[]::new));
    }

    private static String field(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    private static boolean sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }
}
