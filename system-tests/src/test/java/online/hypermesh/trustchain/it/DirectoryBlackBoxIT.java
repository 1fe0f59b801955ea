package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * LDAP-backed enrollment against Debian's slapd: a directory group grants its member accounts a
 * scope (trustchain.ldap.groups), so the enterprise decides in its own directory who may have
 * which names. Membership is changed with ldapmodify; the refresh is asked for with
 * POST /api/v1/directory/sync; issuance with the account's own token shows what it may have.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirectoryBlackBoxIT {
    private static final int OFFSET = 3200;
    private static final String BASE = "https://[::1]:" + (8443 + OFFSET);
    private static final String GROUP = "cn=web-admins,ou=groups," + Slapd.SUFFIX;
    private static final Path DIRECTORY = Path.of(System.getProperty("trustchain.it.work", "target/it")).toAbsolutePath().resolve("directory-slapd");
    private static final Slapd SLAPD = startSlapd();

    @RegisterExtension
    static final BlackBoxServer TC = new BlackBoxServer("directory", OFFSET, Map.of(
            "TRUSTCHAIN_LDAP_URL", SLAPD.url(),
            "TRUSTCHAIN_LDAP_BIND_DN", Slapd.ADMIN,
            "TRUSTCHAIN_LDAP_BIND_PASSWORD_FILE", DIRECTORY.resolve("bind-password").toString(),
            "TRUSTCHAIN_LDAP_GROUPS", GROUP + " => dns:web.hypermesh.online",
            "TRUSTCHAIN_LDAP_SYNC_MINUTES", "60",
            "TRUSTCHAIN_LDAP_PUBLISH_BASE", "ou=trustchain," + Slapd.SUFFIX));
    private static final String PUBLISHED = "cn=web-deployer,ou=accounts,ou=trustchain," + Slapd.SUFFIX;
    private static final Path work = TC.work();
    private static final Path data = TC.data();
    private static String token;

    private static Slapd startSlapd() {
        try {
            Commands.run(Path.of("."), List.of("rm", "-rf", DIRECTORY.toString()));
            Files.createDirectories(DIRECTORY);
            Files.writeString(DIRECTORY.resolve("bind-password"), Slapd.PASSWORD + "\n");
            return new Slapd(DIRECTORY);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start slapd (Debian's slapd and ldap-utils; .ci/run installs them): " + e.getMessage(), e);
        }
    }

    @BeforeAll
    static void theDirectory() throws Exception {
        String ldif = "dn: ou=people," + Slapd.SUFFIX + "\nobjectClass: organizationalUnit\nou: people\n\n"
                + "dn: uid=web-deployer,ou=people," + Slapd.SUFFIX + "\nobjectClass: inetOrgPerson\nuid: web-deployer\ncn: Web Deployer\nsn: Deployer\n\n"
                + "dn: ou=groups," + Slapd.SUFFIX + "\nobjectClass: organizationalUnit\nou: groups\n\n"
                + "dn: " + GROUP + "\nobjectClass: groupOfNames\ncn: web-admins\nmember: uid=web-deployer,ou=people," + Slapd.SUFFIX
                + "\nmember: uid=ghost,ou=people," + Slapd.SUFFIX + "\n\n"
                + "dn: ou=trustchain," + Slapd.SUFFIX + "\nobjectClass: organizationalUnit\nou: trustchain\n";
        Commands.Result r = SLAPD.ldif("ldapadd", ldif);
        assertEquals(0, r.exit(), r.out() + r.err());
    }

    @AfterAll
    static void stopSlapd() throws Exception {
        SLAPD.close();
    }

    @Test
    @Order(1)
    void anAccountWithoutScopes_mayHaveNothing() throws Exception {
        Files.writeString(work.resolve("account.json"), "{\"name\": \"web-deployer\", \"roles\": [\"issuer\"], \"profiles\": [\"server\"], \"regions\": [\"*\"],"
                + " \"scopes\": [{\"type\": \"dns\", \"value\": \"manual.hypermesh.online\"}]}");
        admin("-f", "-H", "Content-Type: application/json", "--data-binary", "@account.json", BASE + "/api/v1/accounts").expectSuccess();
        Files.writeString(work.resolve("token.json"), "{\"name\": \"deploy\", \"expires_at\": \"" + java.time.Instant.now().plusSeconds(86400) + "\"}");
        token = field(admin("-f", "-H", "Content-Type: application/json", "--data-binary", "@token.json",
                BASE + "/api/v1/accounts/web-deployer/tokens").expectSuccess().out(), "token");
        assertEquals("403", issue("app.web.hypermesh.online"), "no group has granted it yet");
        assertEquals("201", issue("manual.hypermesh.online"), "the scope an administrator gave it");
    }

    @Test
    @Order(2)
    void aRefresh_grantsTheGroupsScopes_andReportsWhatItFound() throws Exception {
        String report = admin("-f", "-X", "POST", BASE + "/api/v1/directory/sync").expectSuccess().out();
        assertTrue(report.contains("\"web-deployer\":[\"dns:web.hypermesh.online\"]"), report);
        assertTrue(report.contains("\"unknown_members\":[\"ghost\"]") && report.contains("\"changed\":[\"web-deployer\"]"), report);
        assertEquals("201", issue("app.web.hypermesh.online"), "members of cn=web-admins may have names below web.hypermesh.online");
        assertEquals("201", issue("manual.hypermesh.online"), "its own scope stays");
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'account.directory-scopes' and object_id = 'web-deployer'"
                + " and details->>'added' = 'dns:web.hypermesh.online'"));
    }

    @Test
    @Order(3)
    void leavingTheGroup_takesTheGrantAway_andOnlyIt() throws Exception {
        Commands.Result r = SLAPD.ldif("ldapmodify", "dn: " + GROUP + "\nchangetype: modify\ndelete: member\nmember: uid=web-deployer,ou=people,"
                + Slapd.SUFFIX + "\n");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(!SLAPD.ldapsearch(GROUP, "(objectClass=*)", "member").contains("uid=web-deployer"));
        String report = admin("-f", "-X", "POST", BASE + "/api/v1/directory/sync").expectSuccess().out();
        assertTrue(report.contains("\"changed\":[\"web-deployer\"]"), report);
        assertEquals("403", issue("app.web.hypermesh.online"));
        assertEquals("201", issue("manual.hypermesh.online"), "the administrator's scope was never the directory's");
        String account = admin("-f", BASE + "/api/v1/accounts/web-deployer").expectSuccess().out();
        assertTrue(account.contains("manual.hypermesh.online") && !account.contains("\"web.hypermesh.online\""), account);
        // A refresh that changes nothing writes nothing.
        admin("-f", "-X", "POST", BASE + "/api/v1/directory/sync").expectSuccess();
        assertEquals(2, TC.count("select count(*) from audit_event where action = 'account.directory-scopes'"));
    }

    @Test
    @Order(4)
    void issuedCertificates_arePublishedToTheAccountsEntry_andARevocationRemovesOnlyItsValue() throws Exception {
        long issued = TC.count("select count(*) from certificate c join certificate_request r on r.id = c.request_id"
                + " where r.requested_by = 'web-deployer' and c.der is not null");
        assertTrue(issued >= 4, "four issued so far: " + issued);
        assertEquals(issued, waitForValues(PUBLISHED, issued), "every certificate of the account, as userCertificate;binary");
        // The CA certificates, one entry per authority.
        String cas = SLAPD.ldapsearch("ou=cas,ou=trustchain," + Slapd.SUFFIX, "(objectClass=pkiCA)", "cACertificate;binary");
        assertTrue(count(cas, "cACertificate;binary:: ") >= 2, "the root and the intermediates: " + cas);

        String serial = field(admin("-f", BASE + "/api/v1/ca/certificates?san=app.web.hypermesh.online&status=valid&limit=1").expectSuccess().out(),
                "serial_number");
        Files.writeString(work.resolve("revoke.json"), "{\"reason\": \"superseded\"}");
        admin("-f", "-H", "Content-Type: application/json", "--data-binary", "@revoke.json",
                BASE + "/api/v1/ca/certificates/" + serial + "/revoke").expectSuccess();
        assertEquals(issued - 1, waitForValues(PUBLISHED, issued - 1), "the revoked certificate's value is gone, the others stay");
    }

    /** The number of userCertificate values of an entry, once it is {@code expected} or 20 s have passed. */
    private static long waitForValues(String entry, long expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        long n;
        do {
            n = count(SLAPD.ldapsearch(entry, "(objectClass=pkiUser)", "userCertificate;binary"), "userCertificate;binary:: ");
        } while (n != expected && System.currentTimeMillis() < deadline && sleep());
        return n;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(200);
        return true;
    }

    @Test
    @Order(5)
    void onlyAnAdministratorRefreshes_andADirectoryThatIsGoneChangesNothing() throws Exception {
        assertEquals("403", as(token, "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", BASE + "/api/v1/directory/sync").expectSuccess().out());
        SLAPD.close();
        Commands.Result r = admin("-o", "down.json", "-w", "%{http_code}", "-X", "POST", BASE + "/api/v1/directory/sync").expectSuccess();
        assertEquals("503", r.out(), Files.readString(work.resolve("down.json")));
        assertTrue(Files.readString(work.resolve("down.json")).contains("cannot read the groups"), Files.readString(work.resolve("down.json")));
        assertEquals("201", issue("manual.hypermesh.online"));
    }

    /** The account's own token issues a certificate for the name; the HTTP status. */
    private static String issue(String name) throws Exception {
        String key = "leaf.key";
        if (!Files.exists(work.resolve(key))) {
            Commands.run(work, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key).expectSuccess();
        }
        Commands.run(work, "openssl", "req", "-new", "-key", key, "-subj", "/CN=" + name, "-addext", "subjectAltName=DNS:" + name,
                "-out", "leaf.csr").expectSuccess();
        return as(token, "-o", "issued.out", "-w", "%{http_code}", "-H", "Content-Type: application/pkcs10", "--data-binary", "@leaf.csr",
                BASE + "/api/v1/ca/certificates?profile=server").expectSuccess().out();
    }

    private static Commands.Result admin(String... args) {
        return as(TC.token(), args);
    }

    private static Commands.Result as(String bearer, String... args) {
        List<String> all = new ArrayList<>(List.of("-H", "Authorization: Bearer " + bearer));
        all.addAll(List.of(args));
        return Commands.curl(work, data, all.toArray(String[]::new));
    }

    private static String field(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }
}
