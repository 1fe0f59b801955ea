package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * LDAP-backed enrollment and publishing against Debian's slapd: a directory group grants its
 * member accounts a scope, another a role (trustchain.ldap.groups), so the enterprise decides in
 * its own directory who may have which names and who audits. Membership is changed with
 * ldapmodify; the refresh is asked for with POST /api/v1/directory/sync; issuance and reading the
 * audit trail with the account's own token show what it may do. Certificates, CA certificates and
 * CRLs are published through the outbox and read back with ldapsearch (and openssl). slapd requires
 * TLS, and TrustChain reaches it with StartTLS (trustchain.ldap.starttls), checking its
 * certificate against a CA openssl made for the test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirectoryBlackBoxIT {
    private static final int OFFSET = 3200;
    private static final String BASE = "https://[::1]:" + (8443 + OFFSET);
    private static final String HTTP = "http://[::1]:" + (8080 + OFFSET);
    private static final String GROUP = "cn=web-admins,ou=groups," + Slapd.SUFFIX;
    private static final String AUDITORS = "cn=pki-auditors,ou=groups," + Slapd.SUFFIX;
    private static final Path DIRECTORY = Path.of(System.getProperty("trustchain.it.work", "target/it")).toAbsolutePath().resolve("directory-slapd");
    private static final Slapd SLAPD = startSlapd();

    @RegisterExtension
    static final BlackBoxServer TC = new BlackBoxServer("directory", OFFSET, Map.of(
            "TRUSTCHAIN_LDAP_URL", SLAPD.url(),
            "TRUSTCHAIN_LDAP_STARTTLS", "true",
            "TRUSTCHAIN_LDAP_TRUST_FILE", SLAPD.caFile().toString(),
            "TRUSTCHAIN_LDAP_BIND_DN", Slapd.ADMIN,
            "TRUSTCHAIN_LDAP_BIND_PASSWORD_FILE", DIRECTORY.resolve("bind-password").toString(),
            "TRUSTCHAIN_LDAP_GROUPS", GROUP + " => dns:web.hypermesh.online; " + AUDITORS + " => role:auditor, role:officer",
            "TRUSTCHAIN_LDAP_SYNC_MINUTES", "60",
            "TRUSTCHAIN_LDAP_PUBLISH_BASE", "ou=trustchain," + Slapd.SUFFIX));
    private static final String PUBLISHED = "cn=web-deployer,ou=accounts,ou=trustchain," + Slapd.SUFFIX;
    private static final Path work = TC.work();
    private static final Path data = TC.data();
    private static final String CAS = "ou=cas,ou=trustchain," + Slapd.SUFFIX;
    private static String token;
    private static String revoked;

    private static Slapd startSlapd() {
        try {
            Commands.run(Path.of("."), List.of("rm", "-rf", DIRECTORY.toString()));
            Files.createDirectories(DIRECTORY);
            Files.writeString(DIRECTORY.resolve("bind-password"), Slapd.PASSWORD + "\n");
            return Slapd.withStartTls(DIRECTORY);
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
        // The directory answers nothing without TLS: whatever TrustChain reads and writes below went through StartTLS.
        Commands.Result plain = Commands.run(DIRECTORY, "ldapsearch", "-x", "-H", SLAPD.url(), "-D", Slapd.ADMIN, "-w", Slapd.PASSWORD,
                "-b", Slapd.SUFFIX, "(objectClass=*)");
        assertEquals(13, plain.exit(), "confidentiality required: " + plain.out() + plain.err());
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
        assertTrue(report.contains("\"unknown_members\":[\"ghost\"]"), report);
        assertReportsItsChange(report, "web-deployer", "account.directory-scopes");
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
        assertReportsItsChange(report, "web-deployer", "account.directory-scopes");
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
    void aGroupGrantsRoles_andLeavingItRemovesOnlyTheOnesItAdded() throws Exception {
        // jane is an issuer and an officer by an administrator; cn=pki-auditors grants auditor and officer.
        Files.writeString(work.resolve("jane.json"), "{\"name\": \"jane\", \"roles\": [\"issuer\", \"officer\"], \"profiles\": [\"server\"],"
                + " \"regions\": [\"*\"], \"scopes\": [{\"type\": \"dns\", \"value\": \"jane.hypermesh.online\"}]}");
        admin("-f", "-H", "Content-Type: application/json", "--data-binary", "@jane.json", BASE + "/api/v1/accounts").expectSuccess();
        String jane = field(admin("-f", "-H", "Content-Type: application/json", "--data-binary", "@token.json",
                BASE + "/api/v1/accounts/jane/tokens").expectSuccess().out(), "token");
        assertEquals("403", readsAudit(jane), "not an auditor yet");

        Commands.Result r = SLAPD.ldif("ldapadd", "dn: uid=jane,ou=people," + Slapd.SUFFIX + "\nobjectClass: inetOrgPerson\nuid: jane\ncn: Jane\nsn: Doe\n\n"
                + "dn: " + AUDITORS + "\nobjectClass: groupOfNames\ncn: pki-auditors\nmember: uid=jane,ou=people," + Slapd.SUFFIX
                // A groupOfNames needs a member; this one names no account (not uid=...) and is passed over.
                + "\nmember: cn=audit-robot,ou=services," + Slapd.SUFFIX + "\n");
        assertEquals(0, r.exit(), r.out() + r.err());
        String report = admin("-f", "-X", "POST", BASE + "/api/v1/directory/sync").expectSuccess().out();
        assertTrue(report.contains("\"roles\":{\"jane\":[\"auditor\",\"officer\"]}"), report);
        assertReportsItsChange(report, "jane", "account.directory-roles");
        assertTrue(rolesOf("jane").containsAll(List.of("auditor", "issuer", "officer")), rolesOf("jane").toString());
        assertEquals("200", waitForAudit(jane, "200"), "the group made jane an auditor");
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'account.directory-roles' and object_id = 'jane'"
                + " and details->>'added' = 'auditor' and details->>'removed' = '' and details->>'groups' = '" + AUDITORS + "'"),
                "audited: auditor added; officer was hers already");

        r = SLAPD.ldif("ldapmodify", "dn: " + AUDITORS + "\nchangetype: modify\ndelete: member\nmember: uid=jane,ou=people," + Slapd.SUFFIX + "\n");
        assertEquals(0, r.exit(), r.out() + r.err());
        report = admin("-f", "-X", "POST", BASE + "/api/v1/directory/sync").expectSuccess().out();
        assertTrue(report.contains("\"roles\":{}"), report);
        assertReportsItsChange(report, "jane", "account.directory-roles");
        assertEquals(List.of("issuer", "officer"), rolesOf("jane").stream().sorted().toList(), "the administrator's officer role stays");
        assertEquals("403", waitForAudit(jane, "403"), "an auditor no more");
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'account.directory-roles' and object_id = 'jane'"
                + " and details->>'removed' = 'auditor' and details->>'added' = ''"));
        assertEquals(0, TC.count("select count(*) from directory_role"), "nothing of the directory's is left");
    }

    /**
     * The refresh asked for reports the account changed exactly when it made the change. The
     * scheduled refresh (its first run ten seconds after start) may have come just before it: then
     * the latest such audit event is the schedule's (actor system:directory) and this one found
     * nothing left to do.
     */
    private static void assertReportsItsChange(String report, String account, String action) throws Exception {
        boolean bySchedule = TC.count("select count(*) from audit_event where actor = 'system:directory' and id = (select max(id)"
                + " from audit_event where action = '" + action + "' and object_id = '" + account + "')") == 1;
        java.util.regex.Matcher changed = java.util.regex.Pattern.compile("\"changed\":\\[([^\\]]*)\\]").matcher(report);
        assertTrue(changed.find(), report);
        assertEquals(!bySchedule, changed.group(1).contains("\"" + account + "\""), (bySchedule ? "the schedule changed it first: " : "") + report);
    }

    /** GET /api/v1/audit (auditor or admin) with the token; the HTTP status. */
    private static String readsAudit(String bearer) {
        return as(bearer, "-o", "/dev/null", "-w", "%{http_code}", BASE + "/api/v1/audit?limit=1").expectSuccess().out();
    }

    /** The status of {@link #readsAudit} once it is {@code expected} or 5 s have passed (a token's roles are cached for a second). */
    private static String waitForAudit(String bearer, String expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        String status;
        do {
            status = readsAudit(bearer);
        } while (!status.equals(expected) && System.currentTimeMillis() < deadline && sleep());
        return status;
    }

    private static List<String> rolesOf(String account) {
        String json = admin("-f", BASE + "/api/v1/accounts/" + account).expectSuccess().out();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"roles\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(json);
        assertTrue(m.find(), json);
        return java.util.Arrays.stream(m.group(1).split(",")).map(v -> v.trim().replace("\"", "")).filter(v -> !v.isEmpty()).toList();
    }

    @Test
    @Order(5)
    void issuedCertificates_arePublishedToTheAccountsEntry_andARevocationRemovesOnlyItsValue() throws Exception {
        long issued = TC.count("select count(*) from certificate c join certificate_request r on r.id = c.request_id"
                + " where r.requested_by = 'web-deployer' and c.der is not null");
        assertTrue(issued >= 4, "four issued so far: " + issued);
        assertEquals(issued, waitForValues(PUBLISHED, issued), "every certificate of the account, as userCertificate;binary");
        // The CA certificates, one entry per authority.
        String cas = SLAPD.ldapsearch("ou=cas,ou=trustchain," + Slapd.SUFFIX, "(objectClass=pkiCA)", "cACertificate;binary");
        assertTrue(count(cas, "cACertificate;binary:: ") >= 2, "the root and the intermediates: " + cas);

        revoked = revoke("app.web.hypermesh.online");
        assertEquals(issued - 1, waitForValues(PUBLISHED, issued - 1), "the revoked certificate's value is gone, the others stay");

        // A hold takes the value away too, and its release (removeFromCRL) puts it back.
        String held = field(admin("-f", BASE + "/api/v1/ca/certificates?san=manual.hypermesh.online&status=valid&limit=1").expectSuccess().out(),
                "serial_number");
        revoke(held, "certificateHold");
        assertEquals(issued - 2, waitForValues(PUBLISHED, issued - 2), "on hold: not in the directory");
        revoke(held, "removeFromCRL");
        assertEquals(issued - 1, waitForValues(PUBLISHED, issued - 1), "released: back in the directory");
    }

    @Test
    @Order(6)
    void theCrlAndDeltaCrlSignedAfterARevocation_areOnTheIssuersEntry_andListIt() throws Exception {
        // Signed right after the revocation, carried by the outbox (crl.signed, crl.delta-signed) to cn=<issuer>,ou=cas.
        String issuer = issuerOf(revoked);
        String entry = "cn=" + issuer + "," + CAS;
        assertTrue(waitForCrls(entry, revoked), "the full and the delta CRL on " + entry + " list " + revoked + ": "
                + SLAPD.ldapsearch(entry, "(objectClass=*)", "objectClass"));
        String classes = SLAPD.ldapsearch(entry, "(objectClass=*)", "objectClass");
        assertTrue(classes.contains("objectClass: pkiCA") && classes.contains("objectClass: deltaCRL"), classes);
        assertTrue(SLAPD.ldapsearch(entry, "(objectClass=*)", "cACertificate;binary").contains("cACertificate;binary:: "),
                "the CA certificate and its CRLs share the entry");
        assertTrue(TC.count("select count(*) from audit_event where action = 'crl.signed' and object_id = '" + issuer + "'") >= 2,
                "every CRL is audited: the first one and the one after the revocation");
        assertTrue(TC.count("select count(*) from audit_event where action = 'crl.delta-signed' and object_id = '" + issuer + "'"
                + " and details->>'base_number' is not null") >= 2);
    }

    /**
     * Whether the entry's full and delta CRL, parsed by openssl, both list the serial, within 60 s
     * (the sink's backoff after an outage reaches 30 s).
     */
    private static boolean waitForCrls(String entry, String serial) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        do {
            String ldif = SLAPD.ldapsearch(entry, "(objectClass=pkiCA)", "certificateRevocationList;binary", "deltaRevocationList;binary");
            Optional<String> full = crlText(ldif, "certificateRevocationList;binary");
            Optional<String> delta = crlText(ldif, "deltaRevocationList;binary");
            if (full.isPresent() && delta.isPresent() && full.get().contains("Serial Number: " + opensslHex(serial))
                    && delta.get().contains("Serial Number: " + opensslHex(serial))) {
                assertTrue(delta.get().contains("Delta CRL Indicator"), delta.get());
                assertTrue(!full.get().contains("Delta CRL Indicator"), full.get());
                return true;
            }
        } while (System.currentTimeMillis() < deadline && sleep());
        return false;
    }

    /** The attribute's one value, as {@code openssl crl -inform DER -text} prints it; empty when the entry has none. */
    private static Optional<String> crlText(String ldif, String attribute) throws Exception {
        String prefix = attribute + ":: ";
        List<String> values = ldif.lines().filter(l -> l.startsWith(prefix)).toList();
        if (values.isEmpty()) {
            return Optional.empty();
        }
        assertEquals(1, values.size(), "a new CRL replaces the one before: " + ldif);
        Path file = work.resolve(attribute.replace(';', '-') + ".der");
        Files.write(file, Base64.getDecoder().decode(values.get(0).substring(prefix.length())));
        Commands.Result parsed = Commands.run(work, "openssl", "crl", "-inform", "DER", "-in", file.toString(), "-noout", "-text");
        assertEquals(0, parsed.exit(), "openssl parses the directory's " + attribute + ": " + parsed.err());
        return Optional.of(parsed.out());
    }

    private static String opensslHex(String serial) {
        String upper = serial.toUpperCase(Locale.ROOT);
        return upper.length() % 2 == 0 ? upper : "0" + upper;
    }

    /** Revokes the newest valid certificate for the name (superseded); its serial. */
    private static String revoke(String name) throws Exception {
        String serial = field(admin("-f", BASE + "/api/v1/ca/certificates?san=" + name + "&status=valid&limit=1").expectSuccess().out(),
                "serial_number");
        revoke(serial, "superseded");
        return serial;
    }

    private static void revoke(String serial, String reason) throws Exception {
        Files.writeString(work.resolve("revoke.json"), "{\"reason\": \"" + reason + "\"}");
        admin("-f", "-H", "Content-Type: application/json", "--data-binary", "@revoke.json",
                BASE + "/api/v1/ca/certificates/" + serial + "/revoke").expectSuccess();
    }

    private static String issuerOf(String serial) throws Exception {
        return field(admin("-f", BASE + "/api/v1/ca/certificates/" + serial).expectSuccess().out(), "issuer");
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
    @Order(7)
    void onlyAnAdministratorRefreshes_andADirectoryThatIsGoneChangesNothing() throws Exception {
        assertEquals("403", as(token, "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", BASE + "/api/v1/directory/sync").expectSuccess().out());
        SLAPD.close();
        Commands.Result r = admin("-o", "down.json", "-w", "%{http_code}", "-X", "POST", BASE + "/api/v1/directory/sync").expectSuccess();
        assertEquals("503", r.out(), Files.readString(work.resolve("down.json")));
        assertTrue(Files.readString(work.resolve("down.json")).contains("cannot read the groups"), Files.readString(work.resolve("down.json")));
        assertEquals("201", issue("manual.hypermesh.online"));
    }

    @Test
    @Order(8)
    void aDirectoryOutage_blocksNoCrlSigning_andTheCurrentCrlsArriveWhenItIsBack() throws Exception {
        long published = count(SLAPD.ldapsearch(PUBLISHED, "(objectClass=pkiUser)", "userCertificate;binary"), "userCertificate;binary:: ");
        assertEquals(0, published, "slapd is down (stopped by the test before): ldapsearch finds nothing");
        String serial = revoke("manual.hypermesh.online");
        String issuer = issuerOf(serial);
        // The CA signs and serves its CRL at once, the directory being away.
        String listed = "";
        for (int attempt = 0; attempt < 100 && !listed.contains("Serial Number: " + opensslHex(serial)); attempt++) {
            Thread.sleep(attempt == 0 ? 0 : 100);
            Commands.curl(work, data, "-f", "-o", "served.crl", HTTP + "/crl/" + issuer + ".crl").expectSuccess();
            listed = Commands.run(work, "openssl", "crl", "-inform", "DER", "-in", "served.crl", "-noout", "-text").out();
        }
        assertTrue(listed.contains("Serial Number: " + opensslHex(serial)), listed);
        // Its crl.signed event is in the chain (sealed just after its commit), and the directory's sink cannot pass it.
        String undelivered = "select count(*) from audit_chain c join audit_event e on e.id = c.event_id where e.action = 'crl.signed'"
                + " and e.object_id = '" + issuer + "' and c.seq > (select position from event_sink where sink = 'ldap')";
        long waiting = 0;
        for (int attempt = 0; attempt < 100 && waiting == 0; attempt++) {
            Thread.sleep(attempt == 0 ? 0 : 100);
            waiting = TC.count(undelivered);
        }
        assertTrue(waiting >= 1, "the CRL signed during the outage waits in the outbox");
        Thread.sleep(2000);
        assertTrue(TC.count(undelivered) >= 1, "and keeps waiting while slapd is away");

        SLAPD.restart();
        String entry = "cn=" + issuer + "," + CAS;
        assertTrue(waitForCrls(entry, serial), "after the outage the directory has the CRLs signed during it: "
                + SLAPD.ldapsearch(entry, "(objectClass=*)", "objectClass"));
        assertTrue(crlText(SLAPD.ldapsearch(entry, "(objectClass=pkiCA)", "certificateRevocationList;binary"), "certificateRevocationList;binary")
                .orElseThrow().contains("Serial Number: " + opensslHex(revoked)), "and the revocation before the outage stays listed");
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
