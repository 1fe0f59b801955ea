package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.transaction.UserTransaction;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import online.hypermesh.trustchain.ca.api.Authenticator;
import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.CertificatePage;
import online.hypermesh.trustchain.ca.api.CertificateQueries;
import online.hypermesh.trustchain.ca.api.CertificateSearchQuery;
import online.hypermesh.trustchain.ca.api.HealthService;
import online.hypermesh.trustchain.ca.api.IssuanceCommand;
import online.hypermesh.trustchain.ca.api.IssuanceService;
import online.hypermesh.trustchain.ca.api.IssuedCertificate;
import online.hypermesh.trustchain.ca.api.RevocationService;
import online.hypermesh.trustchain.ca.application.ExpiryMarker;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * The EJB, JPA and transaction wiring of the real EAR on the real WildFly and PostgreSQL:
 * runs inside the server, calls the beans, and checks the rows.
 */
@ExtendWith(ArquillianExtension.class)
class CaWiringIT {
    private static final Caller ISSUER = new Caller("it-issuer", Caller.Role.ISSUER);
    private static final String EXPECTED_TOKEN_RESOURCE = "online/hypermesh/trustchain/it/expected-crypto-token";
    private static final List<String> TABLES = List.of("certificate", "certificate_request", "serial_reservation", "audit_event");

    @Deployment
    static EnterpriseArchive deployment() {
        // The real EAR, with this test class added to its web module (where Arquillian runs it).
        EnterpriseArchive ear = ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("trustchain.ear")));
        WebArchive web = ear.getAsType(WebArchive.class, "trustchain-web.war");
        web.addClasses(CaWiringIT.class, TestCsr.class, TestAccounts.class, SoftHsmToken.class, Commands.class, Commands.Result.class);
        // The token this run is meant to use (the pkcs11-token execution: pkcs11), for the server-side checks below.
        web.addAsResource(new org.jboss.shrinkwrap.api.asset.StringAsset(System.getProperty("trustchain.it.crypto.token", "software")),
                EXPECTED_TOKEN_RESOURCE);
        ear.delete("trustchain-web.war");
        return ear.addAsModule(web);
    }


    @EJB
    online.hypermesh.trustchain.ca.api.Accounts accountsForIssuer;

    /** The registration authority issues to accounts only: this test's issuer is one. */
    @org.junit.jupiter.api.BeforeEach
    void issuerAccount() {
        TestAccounts.ensure(accountsForIssuer, ISSUER);
    }

    @EJB
    IssuanceService issuance;

    @EJB
    CertificateQueries certificates;

    @EJB
    Authenticator authenticator;

    @EJB
    HealthService health;

    @EJB
    ExpiryMarker expiry;

    @EJB
    RevocationService revocation;

    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    @Resource
    UserTransaction transaction;

    @Test
    void issue_commitsCertificateRequestSerialAndAuditTogether() throws Exception {
        IssuedCertificate issued = issuance.issue(new IssuanceCommand(TestCsr.forNames("wired.hypermesh.online"), "server", null, null, ISSUER));

        assertEquals("issued", single("select state from serial_reservation where serial_number = ?", issued.serialNumber()));
        assertEquals("valid", single("select status from certificate where serial_number = ?", issued.serialNumber()));
        assertEquals("it-issuer", single("select r.requested_by from certificate c join certificate_request r on r.id = c.request_id where c.serial_number = ?", issued.serialNumber()));
        assertEquals("certificate.issued", single("select action from audit_event where object_id = ?", issued.serialNumber()));
        assertEquals("{wired.hypermesh.online}", single("select names::text from certificate where serial_number = ?", issued.serialNumber()));
        assertEquals("valid", certificates.find(issued.serialNumber()).status());
        assertEquals("t", single("select precertificate is not null and der is not null from certificate where serial_number = ?", issued.serialNumber()),
                "the row keeps the precertificate that was logged and the final certificate");
    }

    @Test
    void issue_rejectedRequestsStoreNothing() throws Exception {
        Map<String, Long> before = counts();
        List<IssuanceCommand> bad = List.of(
                new IssuanceCommand(TestCsr.withBadSignature("bad.hypermesh.online"), "server", null, null, ISSUER),
                new IssuanceCommand(TestCsr.forNames("ok.hypermesh.online"), "codesigning", null, null, ISSUER),
                new IssuanceCommand(TestCsr.forNames("ok.hypermesh.online"), "server", 100_000, null, ISSUER),
                new IssuanceCommand(TestCsr.forNames("ok.hypermesh.online"), "server", null, "mars-north-1", ISSUER),
                new IssuanceCommand("garbage".getBytes(StandardCharsets.US_ASCII), "server", null, null, ISSUER),
                new IssuanceCommand(TestCsr.forNames("ok.hypermesh.online"), "server", null, null, new Caller("em", Caller.Role.EMERGENCY)));
        List<ErrorKind> kinds = bad.stream().map(c -> assertThrows(TrustChainException.class, () -> issuance.issue(c)).kind()).toList();
        assertEquals(List.of(ErrorKind.BAD_CSR_SIGNATURE, ErrorKind.POLICY_VIOLATION, ErrorKind.POLICY_VIOLATION,
                ErrorKind.POLICY_VIOLATION, ErrorKind.MALFORMED_REQUEST, ErrorKind.FORBIDDEN), kinds);
        assertEquals(before, counts());
    }

    @Test
    void issue_commitsOnItsOwn_soACallersRollbackCannotHideALoggedPrecertificate() throws Exception {
        // Issuance records its intent and logs the precertificate before it returns: a caller's
        // rollback must not erase the record of something the CT log has made public.
        transaction.begin();
        IssuedCertificate issued = issuance.issue(new IssuanceCommand(TestCsr.forNames("caller-rolled-back.hypermesh.online"), "client", 1, "eu-west-1", ISSUER));
        transaction.rollback();
        assertEquals("valid", certificates.find(issued.serialNumber()).status());
        assertEquals("final", certificates.find(issued.serialNumber()).stage());
        assertEquals("issued", single("select state from serial_reservation where serial_number = ?", issued.serialNumber()));
    }

    @Test
    void bootstrap_storedTheHierarchyOnce() throws Exception {
        assertEquals("1", single("select count(*) from certificate_authority where parent_id is null"));
        assertEquals("3", single("select count(*) from certificate_authority where region is not null and status = 'active'"));
        assertEquals("RSA_4096", single("select key_type from certificate_authority where parent_id is null"));
    }

    @Test
    void cryptoToken_isTheOneThisRunAskedFor() throws Exception {
        String expected;
        try (var in = CaWiringIT.class.getClassLoader().getResourceAsStream(EXPECTED_TOKEN_RESOURCE)) {
            expected = new String(java.util.Objects.requireNonNull(in, EXPECTED_TOKEN_RESOURCE).readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(expected, System.getProperty("trustchain.crypto.token"), "the server's trustchain.crypto.token");
        List<String> aliases = column("select key_alias from certificate_authority union all select key_alias from ocsp_responder");
        assertTrue(aliases.size() >= 7, "root, three intermediates and their OCSP responders: " + aliases);
        if (expected.equals("pkcs11")) {
            keysAreInTheSoftHsmToken(aliases);
        } else {
            keysAreEncryptedInTheDatabase(aliases);
        }
    }

    /** The software token: every key is a crypto_key row, AES-GCM ciphertext rather than clear PKCS#8. */
    private void keysAreEncryptedInTheDatabase(List<String> aliases) throws Exception {
        for (String alias : aliases) {
            assertEquals("1", single("select count(*) from crypto_key where alias = ?", alias), alias);
        }
        // PKCS#8 DER starts with SEQUENCE (0x30); AES-GCM output under a random key almost never
        // decodes as such for every key, and the version byte sequence 02 01 00 never appears at offset 4.
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("select ciphertext, iterations from crypto_key")) {
            ResultSet rs = s.executeQuery();
            int keys = 0;
            while (rs.next()) {
                byte[] ciphertext = rs.getBytes(1);
                assertFalse(ciphertext.length > 6 && ciphertext[4] == 0x02 && ciphertext[5] == 0x01 && ciphertext[6] == 0x00, "looks like clear PKCS#8");
                assertTrue(rs.getInt(2) >= 100_000);
                keys++;
            }
            assertTrue(keys >= 4, "root and three intermediates");
        }
    }

    /**
     * PKCS#11 (SoftHSM2, the token DatabaseForTests initialized where this server's SOFTHSM2_CONF
     * points): no CA or responder key is in the database, each is a private key object in the token
     * labelled with its alias, and so is the CT log's.
     */
    private void keysAreInTheSoftHsmToken(List<String> aliases) throws Exception {
        for (String alias : aliases) {
            assertEquals("0", single("select count(*) from crypto_key where alias = ?", alias), alias + " must not be in the database");
        }
        String conf = System.getenv("SOFTHSM2_CONF");
        assertTrue(conf != null && !conf.isBlank(), "the server has SOFTHSM2_CONF");
        String objects = SoftHsmToken.existing(Path.of(conf).getParent()).tool("pkcs11-tool", "--module", SoftHsmToken.LIBRARY, "--token-label",
                SoftHsmToken.LABEL, "--login", "--pin", SoftHsmToken.PIN, "--list-objects", "--type", "privkey").expectSuccess().out();
        List<String> inToken = new java.util.ArrayList<>(aliases);
        inToken.add("ct-log-g1");
        for (String alias : inToken) {
            assertTrue(objects.contains("label:      " + alias + "\n"), alias + " in the token:\n" + objects);
        }
    }

    @Test
    void adminToken_isWrittenOwnerOnlyAndAuthenticatesAsAdmin() throws Exception {
        Path file = Path.of(System.getProperty("trustchain.data.dir"), "admin-token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String token = Files.readString(file).trim();
        Caller admin = authenticator.authenticate(token).orElseThrow();
        assertEquals(java.util.Set.of(Caller.Role.ADMIN, Caller.Role.ISSUER), admin.roles());
        assertEquals("initial-admin", admin.name());
        assertTrue(authenticator.authenticate(token + "x").isEmpty());
        assertEquals("1", single("select count(*) from api_token t join account a on a.id = t.account_id where a.name = 'initial-admin' and t.token_hash = sha256(convert_to(?, 'UTF8'))", token));
    }

    @Test
    void search_filtersByNameAndStatusAndPagesByKeyset() throws Exception {
        String shared = "search-" + System.nanoTime() + ".hypermesh.online";
        java.util.Set<String> issued = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            issued.add(issuance.issue(new IssuanceCommand(TestCsr.forNames("s" + i + "." + shared, shared), "server", null, null, ISSUER)).serialNumber());
        }
        CertificatePage first = certificates.search(new CertificateSearchQuery(null, shared, "valid", null, null, null, null, 2, null));
        assertEquals(2, first.items().size());
        CertificatePage second = certificates.search(new CertificateSearchQuery(null, shared, "valid", null, null, null, first.nextPageToken(), 2, null));
        assertEquals(1, second.items().size());
        assertEquals(null, second.nextPageToken());
        java.util.Set<String> found = new java.util.HashSet<>();
        first.items().forEach(c -> found.add(c.serialNumber()));
        second.items().forEach(c -> found.add(c.serialNumber()));
        assertEquals(issued, found);
        assertTrue(certificates.search(new CertificateSearchQuery(null, shared, "revoked", null, null, null, null, null, null)).items().isEmpty());
        // An expiry window that ends before these certificates expire finds none of them.
        assertTrue(certificates.search(new CertificateSearchQuery(null, shared, null, null, null, java.time.Instant.now().plusSeconds(3600), null, null, null)).items().isEmpty());
        assertEquals(3, certificates.search(new CertificateSearchQuery(null, shared, null, null, null, java.time.Instant.now().plusSeconds(25 * 3600), null, null, null)).items().size());
        assertEquals(ErrorKind.MALFORMED_REQUEST, assertThrows(TrustChainException.class,
                () -> certificates.search(new CertificateSearchQuery(null, null, "lost", null, null, null, null, null, null))).kind());
    }

    @Test
    void expiryMarker_marksCertificatesPastNotAfterInABatchWithAnAuditEvent() throws Exception {
        IssuedCertificate issued = issuance.issue(new IssuanceCommand(TestCsr.forNames("expiring.hypermesh.online"), "server", 1, null, ISSUER));
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("update certificate set not_after = now() - interval '1 minute' where serial_number = ?")) {
            s.setString(1, issued.serialNumber());
            s.executeUpdate();
        }
        assertEquals("expired", certificates.find(issued.serialNumber()).status(), "readers see expiry before the timer runs");
        long auditsBefore = Long.parseLong(single("select count(*) from audit_event where action = 'certificates.expired'"));
        expiry.everyMinute();
        assertEquals("expired", single("select status from certificate where serial_number = ?", issued.serialNumber()));
        assertTrue(Long.parseLong(single("select count(*) from audit_event where action = 'certificates.expired'")) > auditsBefore);
    }

    @Test
    void revoke_changesStatusWithAnAuditEvent_andRejectsWhatIsNotAllowed() throws Exception {
        String serial = issuance.issue(new IssuanceCommand(TestCsr.forNames("revoked.hypermesh.online"), "server", null, null, ISSUER)).serialNumber();
        assertEquals(ErrorKind.MALFORMED_REQUEST, assertThrows(TrustChainException.class, () -> revocation.revoke(serial, "lostPassword", ISSUER)).kind());
        assertEquals("valid", certificates.find(serial).status(), "an unknown reason changes nothing");

        var revoked = revocation.revoke(serial, "keyCompromise", ISSUER);
        assertEquals("revoked", revoked.status());
        assertEquals("keyCompromise", revoked.revocationReason());
        assertEquals("certificate.revoked", single("select action from audit_event where object_id = ? order by id desc limit 1", serial));

        long audits = Long.parseLong(single("select count(*) from audit_event where object_id = ?", serial));
        assertEquals(ErrorKind.CONFLICT, assertThrows(TrustChainException.class, () -> revocation.revoke(serial, "superseded", ISSUER)).kind());
        assertEquals("keyCompromise", certificates.find(serial).revocationReason(), "revoking twice changes nothing");
        assertEquals(audits, Long.parseLong(single("select count(*) from audit_event where object_id = ?", serial)));
        assertEquals(ErrorKind.NOT_FOUND, assertThrows(TrustChainException.class, () -> revocation.revoke("abcdef0123", "keyCompromise", ISSUER)).kind());
    }

    @Test
    void revoke_holdCanBeReleasedOrMadeFinal_expiredCannotBeRevoked() throws Exception {
        String held = issuance.issue(new IssuanceCommand(TestCsr.forNames("held.hypermesh.online"), "server", null, null, ISSUER)).serialNumber();
        assertEquals("revoked", revocation.revoke(held, "certificateHold", ISSUER).status());
        assertEquals("valid", revocation.revoke(held, "removeFromCRL", ISSUER).status());
        assertEquals(ErrorKind.CONFLICT, assertThrows(TrustChainException.class, () -> revocation.revoke(held, "removeFromCRL", ISSUER)).kind());
        revocation.revoke(held, "certificateHold", ISSUER);
        assertEquals("cessationOfOperation", revocation.revoke(held, "cessationOfOperation", ISSUER).revocationReason());

        String old = issuance.issue(new IssuanceCommand(TestCsr.forNames("old.hypermesh.online"), "server", 1, null, ISSUER)).serialNumber();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("update certificate set not_after = now() - interval '1 minute' where serial_number = ?")) {
            s.setString(1, old);
            s.executeUpdate();
        }
        assertEquals(ErrorKind.CONFLICT, assertThrows(TrustChainException.class, () -> revocation.revoke(old, "keyCompromise", ISSUER)).kind());
        assertEquals(ErrorKind.FORBIDDEN, assertThrows(TrustChainException.class,
                () -> revocation.revoke(held, "keyCompromise", new Caller("em", Caller.Role.EMERGENCY))).kind());
    }

    @Test
    void health_isUpWithDatabaseCaAndCtLog() {
        var report = health.check();
        assertTrue(report.up(), report.checks().toString());
        assertEquals(List.of("database", "crypto-token", "ca", "ct-log", "ct-witnesses"), List.copyOf(report.checks().keySet()));
        assertEquals("UP", report.checks().get("database"));
        assertEquals("UP", report.checks().get("crypto-token"), "the software token is always there, the PKCS#11 one answers and took the PIN");
        assertEquals("UP", report.checks().get("ca"));
        // The only node on its database leads the log, and its sequencer signed a head at start.
        assertTrue(report.checks().get("ct-log").startsWith("UP: leading, tree size "), report.checks().toString());
        // This server has no witnesses configured: nothing to confirm, nothing lagging, no split view.
        assertTrue(report.checks().get("ct-witnesses").startsWith("UP"), report.checks().toString());
    }

    private Map<String, Long> counts() throws Exception {
        java.util.LinkedHashMap<String, Long> counts = new java.util.LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, Long.parseLong(single("select count(*) from " + table)));
        }
        return counts;
    }

    private List<String> column(String sql) throws Exception {
        List<String> values = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private String single(String sql, String... args) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "no row for " + sql);
                return rs.getString(1);
            }
        }
    }
}
