package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.math.BigInteger;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.transaction.UserTransaction;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import online.hypermesh.trustchain.ca.api.AuthorityQueries;
import online.hypermesh.trustchain.ca.api.AuthorityView;
import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.CertificateQueries;
import online.hypermesh.trustchain.ca.api.CertificateSearchQuery;
import online.hypermesh.trustchain.ca.api.EmergencyControls;
import online.hypermesh.trustchain.ca.api.IssuanceCommand;
import online.hypermesh.trustchain.ca.api.IssuanceService;
import online.hypermesh.trustchain.ca.api.IssuedCertificate;
import online.hypermesh.trustchain.ca.api.PublishedCrl;
import online.hypermesh.trustchain.ca.api.RenewalService;
import online.hypermesh.trustchain.ca.api.RevocationPublication;
import online.hypermesh.trustchain.ca.api.RevocationService;
import online.hypermesh.trustchain.ca.api.RevokeAllResult;
import online.hypermesh.trustchain.ca.api.RolloverService;
import online.hypermesh.trustchain.ca.application.SupersedeMarker;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * The certificate lifecycle inside the real server on real PostgreSQL: delta CRLs, renewal and
 * its supersede timer, the emergency switch (issuances in flight included) and revoke-all in
 * batches, the durable CRL re-signing request, and key rollover.
 */
@ExtendWith(ArquillianExtension.class)
class LifecycleIT {
    private static final Caller ISSUER = new Caller("it-lifecycle", Caller.Role.ISSUER);
    private static final Caller ADMIN = new Caller("it-lifecycle-admin", Caller.Role.ADMIN);
    private static final Caller EMERGENCY = new Caller("it-lifecycle-emergency", Caller.Role.EMERGENCY);

    @Deployment
    static EnterpriseArchive deployment() {
        EnterpriseArchive ear = ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("trustchain.ear")));
        WebArchive web = ear.getAsType(WebArchive.class, "trustchain-web.war");
        web.addClasses(LifecycleIT.class, TestCsr.class, TestAccounts.class);
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
    RenewalService renewal;

    @EJB
    RevocationService revocation;

    @EJB
    RevocationPublication publication;

    @EJB
    CertificateQueries certificates;

    @EJB
    AuthorityQueries authorities;

    @EJB
    EmergencyControls emergency;

    @EJB
    RolloverService rollover;

    @EJB
    SupersedeMarker supersede;

    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    @Resource
    UserTransaction transaction;

    @Test
    void deltaCrl_listsTheNewRevocation_overTheLatestFullCrl() throws Exception {
        IssuedCertificate issued = issue("delta-it.hypermesh.online", null);
        revocation.revoke(issued.serialNumber(), "keyCompromise", ISSUER);
        BigInteger serial = new BigInteger(issued.serialNumber(), 16);

        X509CRL delta = null;
        PublishedCrl deltaCrl = null;
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            deltaCrl = publication.latestDeltaCrl(issued.issuer());
            delta = parse(deltaCrl.der());
            if (delta.getRevokedCertificate(serial) != null) {
                break;
            }
            Thread.sleep(100);
        }
        assertNotNull(delta.getRevokedCertificate(serial), "the delta CRL lists the revocation within 10 s");
        assertEquals(CRLReason.KEY_COMPROMISE, delta.getRevokedCertificate(serial).getRevocationReason());
        delta.verify(certificate(authorities.certificateDer(issued.issuer())).getPublicKey());

        PublishedCrl full = publication.latestCrl(issued.issuer());
        X509CRLHolder deltaHolder = new X509CRLHolder(deltaCrl.der());
        Extension indicator = deltaHolder.getExtension(Extension.deltaCRLIndicator);
        assertTrue(indicator.isCritical());
        assertEquals(BigInteger.valueOf(full.number()), ASN1Integer.getInstance(indicator.getParsedValue()).getValue(),
                "the delta names the latest full CRL as its base");
        assertTrue(deltaCrl.number() > full.number(), "full and delta CRLs share one growing number sequence");
        assertNotNull(new X509CRLHolder(full.der()).getExtension(Extension.freshestCRL), "the full CRL points to its delta");
    }

    @Test
    void deltaCrl_showsAReleasedHoldAsRemoveFromCrl() throws Exception {
        IssuedCertificate issued = issue("hold-delta-it.hypermesh.online", null);
        revocation.revoke(issued.serialNumber(), "certificateHold", ISSUER);
        revocation.revoke(issued.serialNumber(), "removeFromCRL", ISSUER);
        BigInteger serial = new BigInteger(issued.serialNumber(), 16);
        // Both CRLs are republished after each commit; wait until the ones after the release are out.
        X509CRL delta = null;
        X509CRL full = null;
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            full = parse(publication.latestCrl(issued.issuer()).der());
            delta = parse(publication.latestDeltaCrl(issued.issuer()).der());
            if (full.getRevokedCertificate(serial) == null && delta.getRevokedCertificate(serial) != null
                    && delta.getRevokedCertificate(serial).getRevocationReason() == CRLReason.REMOVE_FROM_CRL) {
                break;
            }
            Thread.sleep(100);
        }
        assertNotNull(delta.getRevokedCertificate(serial), "the delta CRL lists the released hold");
        assertEquals(CRLReason.REMOVE_FROM_CRL, delta.getRevokedCertificate(serial).getRevocationReason());
        assertNull(full.getRevokedCertificate(serial), "not on the full CRL any more");
    }

    @Test
    void renewal_linksToThePredecessor_whichIsSupersededAfterTheGracePeriod() throws Exception {
        IssuedCertificate old = issue("renew-it.hypermesh.online", null);
        IssuedCertificate renewed = renewal.renew(old.serialNumber(), TestCsr.forNames("renew-it.hypermesh.online"), 48, ISSUER);

        assertNotEquals(old.serialNumber(), renewed.serialNumber());
        assertEquals(old.issuer(), renewed.issuer());
        assertEquals(old.profile(), renewed.profile());
        assertEquals(Duration.ofHours(48).minusSeconds(1), Duration.between(renewed.notBefore(), renewed.notAfter()),
                "48 hours counted inclusively (RFC 5280 4.1.2.5)");
        assertEquals(old.serialNumber(), certificates.find(renewed.serialNumber()).replaces());
        assertEquals(renewed.serialNumber(), certificates.find(old.serialNumber()).renewedBy());
        assertEquals("valid", certificates.find(old.serialNumber()).status(), "valid during the grace period");

        TrustChainException twice = assertThrows(TrustChainException.class,
                () -> renewal.renew(old.serialNumber(), TestCsr.forNames("renew-it.hypermesh.online"), null, ISSUER));
        assertEquals(ErrorKind.CONFLICT, twice.kind());
        assertTrue(twice.getMessage().contains(renewed.serialNumber()), twice.getMessage());

        supersede.markDue(Instant.now().plus(Duration.ofMinutes(61)));
        var predecessor = certificates.find(old.serialNumber());
        assertEquals("revoked", predecessor.status());
        assertEquals("superseded", predecessor.revocationReason());
        assertEquals("valid", certificates.find(renewed.serialNumber()).status());
    }

    @Test
    void renewal_refusesOtherNamesAndRevokedCertificates_storingNothing() throws Exception {
        IssuedCertificate old = issue("renew-names-it.hypermesh.online", null);
        TrustChainException otherNames = assertThrows(TrustChainException.class, () -> renewal.renew(old.serialNumber(),
                TestCsr.forNames("renew-names-it.hypermesh.online", "extra.hypermesh.online"), null, ISSUER));
        assertEquals(ErrorKind.BAD_NAME, otherNames.kind());
        assertNull(certificates.find(old.serialNumber()).renewedBy(), "nothing was linked");
        assertEquals(0, certificates.search(new CertificateSearchQuery(null, "extra.hypermesh.online", null, null, null, null, null, 10, null))
                .items().size(), "no certificate was issued");

        revocation.revoke(old.serialNumber(), "keyCompromise", ISSUER);
        assertEquals(ErrorKind.CONFLICT, assertThrows(TrustChainException.class, () -> renewal.renew(old.serialNumber(),
                TestCsr.forNames("renew-names-it.hypermesh.online"), null, ISSUER)).kind());
        assertEquals(ErrorKind.NOT_FOUND, assertThrows(TrustChainException.class, () -> renewal.renew("7f0000000000000000000000000001",
                TestCsr.forNames("renew-names-it.hypermesh.online"), null, ISSUER)).kind());
    }

    @Test
    void issuanceSwitch_off_refusesIssuanceWith503AndStoresNothing_thenOnAgain() {
        assertEquals(ErrorKind.FORBIDDEN, assertThrows(TrustChainException.class,
                () -> emergency.setIssuance(false, "not allowed", ADMIN)).kind(), "the admin token is not the emergency token");
        int before = switchNamed().size();
        try {
            var off = emergency.setIssuance(false, "drill", EMERGENCY);
            assertFalse(off.enabled());
            assertEquals("drill", emergency.issuanceSwitch(ISSUER).reason());
            TrustChainException refused = assertThrows(TrustChainException.class, () -> issue("switch-it.hypermesh.online", null));
            assertEquals(ErrorKind.UNAVAILABLE, refused.kind());
            assertEquals(before, switchNamed().size(), "nothing stored");
        } finally {
            emergency.setIssuance(true, "drill over", EMERGENCY);
        }
        assertTrue(emergency.issuanceSwitch(ISSUER).enabled());
        assertNotNull(issue("switch-it.hypermesh.online", null));
    }

    /**
     * revoke-all is complete: it stops the issuer's issuance first (an issuance waiting for its SCT
     * then ends with 503, its precertificate revoked), waits for a row another transaction holds
     * instead of skipping it, turns a hold final, and reports counts that match the database.
     */
    @Test
    void revokeAll_stopsIssuanceFirst_waitsForLockedRows_revokesPrecertificatesAndHolds_andCountsMatchTheDatabase() throws Exception {
        String region = "eu-west-1";
        List<IssuedCertificate> issued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            issued.add(issue("revoke-all-" + i + ".hypermesh.online", region));
        }
        IssuedCertificate elsewhere = issue("revoke-all-other.hypermesh.online", "us-east-1");
        String issuer = issued.get(0).issuer();
        String held = issued.get(1).serialNumber();
        revocation.revoke(held, "certificateHold", ISSUER);
        Instant heldAt = certificates.find(held).revokedAt();
        revocation.revoke(issued.get(2).serialNumber(), "keyCompromise", ISSUER);
        String locked = issued.get(3).serialNumber();

        assertEquals(ErrorKind.FORBIDDEN, assertThrows(TrustChainException.class,
                () -> emergency.revokeAll(issuer, "cACompromise", ADMIN)).kind());
        assertEquals(ErrorKind.MALFORMED_REQUEST, assertThrows(TrustChainException.class,
                () -> emergency.revokeAll(issuer, "certificateHold", EMERGENCY)).kind(), "a hold is not final");
        assertEquals(ErrorKind.NOT_FOUND, assertThrows(TrustChainException.class,
                () -> emergency.revokeAll("no-such-ca", "cACompromise", EMERGENCY)).kind());

        String inFlightName = unique("revoke-all-in-flight");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<IssuedCertificate> inFlight;
        Future<RevokeAllResult> run;
        transaction.begin();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // Holds the CT log (an issuance waits for its SCT, its precertificate row committed) and one certificate's row.
            s.execute("lock table ct_log_state in exclusive mode");
            s.execute("select 1 from certificate where serial_number = '" + locked + "' for update");
            inFlight = pool.submit(() -> issue(inFlightName, region));
            awaitRow(inFlightName);
            run = pool.submit(() -> emergency.revokeAll(issuer, "cACompromise", EMERGENCY));
            Thread.sleep(1500);
            assertFalse(run.isDone(), "revoke-all waits for the locked row instead of skipping it: "
                    + (run.isDone() ? run.get() : ""));
        } finally {
            transaction.rollback();
        }
        RevokeAllResult result = run.get(30, TimeUnit.SECONDS);
        TrustChainException refused = assertThrows(TrustChainException.class, () -> {
            try {
                inFlight.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw TrustChainException.find(e);
            }
        });
        pool.shutdown();
        assertEquals(ErrorKind.UNAVAILABLE, refused.kind(), "the issuance in flight is stopped: " + refused.getMessage());

        assertNotNull(result.issuanceStoppedAt());
        assertEquals(number("select count(*) from certificate where issuer_id = ?", issuer), result.total(), result.toString());
        assertEquals(number("select count(*) from certificate where issuer_id = ? and status = 'revoked'"
                + " and revocation_reason <> 'certificateHold'", issuer), result.revoked() + result.alreadyRevoked(), result.toString());
        assertEquals(result.total(), result.revoked() + result.alreadyRevoked() + result.notRevoked(), result.toString());
        assertEquals(0, number("select count(*) from certificate where issuer_id = ? and not_after > now()"
                + " and (status = 'valid' or revocation_reason = 'certificateHold')", issuer), "nothing of the issuer left valid or on hold");
        assertTrue(result.revoked() >= 5, "the four valid ones, the hold and the precertificate in flight: " + result);
        assertTrue(result.alreadyRevoked() >= 1, result.toString());
        for (IssuedCertificate c : issued) {
            assertEquals("revoked", certificates.find(c.serialNumber()).status());
        }
        assertEquals("cACompromise", certificates.find(locked).revocationReason(), "the locked row was waited for, not skipped");
        assertEquals("cACompromise", certificates.find(held).revocationReason(), "the hold became final");
        assertEquals(heldAt, certificates.find(held).revokedAt(), "keeping its revocation time");
        assertEquals("keyCompromise", certificates.find(issued.get(2).serialNumber()).revocationReason(), "an earlier revocation stays");
        var precertificate = certificates.search(new CertificateSearchQuery(null, inFlightName, null, null, null,
                null, null, 10, null)).items();
        assertEquals(1, precertificate.size());
        assertEquals("revoked", precertificate.get(0).status(), "the precertificate of the issuance in flight is revoked too");
        assertEquals("precertificate", precertificate.get(0).stage());
        assertEquals("valid", certificates.find(elsewhere.serialNumber()).status(), "another issuer's certificates are untouched");

        TrustChainException stopped = assertThrows(TrustChainException.class, () -> issue("revoke-all-after.hypermesh.online", region));
        assertEquals(ErrorKind.UNAVAILABLE, stopped.kind());
        assertTrue(stopped.getMessage().contains("stopped"), stopped.getMessage());
        RevokeAllResult again = emergency.revokeAll(issuer, "cACompromise", EMERGENCY);
        assertEquals(0, again.revoked(), "a repeat finds nothing left");
        assertEquals(result.total(), again.total());
        assertEquals(result.issuanceStoppedAt(), again.issuanceStoppedAt(), "the first stop stays");
        AuthorityView stoppedView = authorities.authorities().stream().filter(a -> a.id().equals(issuer)).findFirst().orElseThrow();
        assertEquals(result.issuanceStoppedAt(), stoppedView.issuanceStoppedAt(), "the authority list shows the stop");
        assertTrue(stoppedView.issuanceStoppedBy().startsWith(EMERGENCY.name() + ": revoke-all"), stoppedView.issuanceStoppedBy());

        // The way back for the region: a rollover gives it a new intermediate, which issues.
        RolloverService.RolloverResult successor = rollover.rollover(issuer, ADMIN);
        assertEquals(successor.successor(), issue("revoke-all-after.hypermesh.online", region).issuer());
    }

    /**
     * The switch stops an issuance already in flight: one waiting for its SCT when the switch flips
     * gets 503 and leaves its precertificate revocable and reported as incomplete.
     */
    @Test
    void issuanceSwitch_off_stopsAnIssuanceInFlight_leavingARevocableReportedPrecertificate() throws Exception {
        String name = unique("switch-in-flight-it");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<IssuedCertificate> inFlight;
        try {
            transaction.begin();
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("lock table ct_log_state in exclusive mode");
                inFlight = pool.submit(() -> issue(name, null));
                awaitRow(name);
                assertFalse(emergency.setIssuance(false, "drill in flight", EMERGENCY).enabled());
            } finally {
                transaction.rollback();
            }
            TrustChainException refused = assertThrows(TrustChainException.class, () -> {
                try {
                    inFlight.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    throw TrustChainException.find(e);
                }
            });
            assertEquals(ErrorKind.UNAVAILABLE, refused.kind(), refused.getMessage());
        } finally {
            pool.shutdown();
            emergency.setIssuance(true, "drill over", EMERGENCY);
        }
        var rows = certificates.search(new CertificateSearchQuery(null, name, null, null, null, null, null, 10, null)).items();
        assertEquals(1, rows.size());
        String serial = rows.get(0).serialNumber();
        assertEquals("precertificate", rows.get(0).stage(), "no final certificate committed");
        assertEquals("incomplete", text("select state from serial_reservation where serial_number = ?", serial));
        assertEquals(1, number("select count(*) from audit_event where action = 'certificate.issuance_incomplete' and object_id = ?", serial));
        assertEquals("revoked", revocation.revoke(serial, "cessationOfOperation", ISSUER).status(), "and it stays revocable");
    }

    /**
     * Another node's switch-off (played by writing the row directly) stops the next issuance on this
     * node at once, although this node read "on" a moment ago: the issuing transactions read the
     * switch themselves, under its lock, not through the one-second cache.
     */
    @Test
    void issuanceSwitch_offOnAnotherNode_stopsThisNodesNextIssuanceAtOnce() throws Exception {
        String name = unique("switch-other-node-it");
        issue(name, null); // this node has just read the switch: on
        try {
            execute("update issuance_control set enabled = false, reason = 'other node', changed_by = 'it-node-2', changed_at = now()");
            TrustChainException refused = assertThrows(TrustChainException.class, () -> issue(name, null));
            assertEquals(ErrorKind.UNAVAILABLE, refused.kind(), refused.getMessage());
            assertTrue(refused.getMessage().contains("it-node-2"), refused.getMessage());
        } finally {
            emergency.setIssuance(true, "drill over", EMERGENCY);
        }
        assertEquals(1, certificates.search(new CertificateSearchQuery(null, name, null, null, null, null, null, 10, null)).items().stream()
                .filter(c -> "final".equals(c.stage())).count(), "only the first one was issued");
    }

    /**
     * "The CRL needs re-signing" is recorded in the revoking transaction itself (gone with it on a
     * rollback), and a request left by a node that crashed right after its revocation committed
     * (before its in-memory refresh ran) is picked up by the publisher within seconds.
     */
    @Test
    void crlResignRequest_isRecordedInTheRevokingTransaction_andALeftOverOneIsPublishedWithinSeconds() throws Exception {
        IssuedCertificate c = issue("resign-flag-it.hypermesh.online", null);
        String issuer = c.issuer();
        transaction.begin();
        try {
            long before = number("select count(*) from crl_resign_request where authority_id = ?", issuer);
            revocation.revoke(c.serialNumber(), "keyCompromise", ISSUER);
            assertEquals(before + 1, number("select count(*) from crl_resign_request where authority_id = ?", issuer),
                    "the request is part of the revoking transaction");
        } finally {
            transaction.rollback();
        }
        assertEquals("valid", certificates.find(c.serialNumber()).status(), "rolled back with it");

        // What a node that died after committing a revocation leaves: the revoked row and the request, no new CRL.
        transaction.begin();
        execute("update certificate set status = 'revoked', revocation_reason = 'keyCompromise', revoked_at = now(),"
                + " status_changed_at = now() where serial_number = '" + c.serialNumber() + "'");
        execute("insert into crl_resign_request (authority_id) values ('" + issuer + "')");
        transaction.commit();
        BigInteger serial = new BigInteger(c.serialNumber(), 16);
        Instant deadline = Instant.now().plusSeconds(20);
        X509CRL crl = parse(publication.latestCrl(issuer).der());
        while (crl.getRevokedCertificate(serial) == null && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            crl = parse(publication.latestCrl(issuer).der());
        }
        assertNotNull(crl.getRevokedCertificate(serial), "re-signed from the recorded request, without the in-memory refresh");
        assertEquals(0, number("select count(*) from crl_resign_request where authority_id = ?", issuer), "and the request cleared");
    }

    /** A name no earlier run used: the Arquillian server's database outlives a run. */
    private static String unique(String label) {
        return label + "-" + Long.toHexString(System.nanoTime()) + ".hypermesh.online";
    }

    private void awaitRow(String name) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (certificates.search(new CertificateSearchQuery(null, name, null, null, null, null, null, 10, null)).items().isEmpty()) {
            assertTrue(Instant.now().isBefore(deadline), "the issuance of " + name + " never recorded its intent");
            Thread.sleep(20);
        }
    }

    private long number(String sql, String arg) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private String text(String sql, String arg) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "no row for " + sql);
                return rs.getString(1);
            }
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void rollover_switchesIssuanceToANewKey_oldCertificatesStayServed_andRepeatingIsSafe() throws Exception {
        String region = "ap-southeast-1";
        IssuedCertificate before = issue("rollover-it.hypermesh.online", region);
        String oldId = before.issuer();

        assertEquals(ErrorKind.FORBIDDEN, assertThrows(TrustChainException.class, () -> rollover.rollover(oldId, ISSUER)).kind());
        RolloverService.RolloverResult result = rollover.rollover(oldId, ADMIN);
        assertTrue(result.created());
        assertEquals(oldId, result.retired());
        assertNotEquals(oldId, result.successor());

        RolloverService.RolloverResult again = rollover.rollover(oldId, ADMIN);
        assertFalse(again.created(), "repeating changes nothing");
        assertEquals(result.successor(), again.successor());

        AuthorityView oldView = authorities.authorities().stream().filter(a -> a.id().equals(oldId)).findFirst().orElseThrow();
        AuthorityView newView = authorities.authorities().stream().filter(a -> a.id().equals(result.successor())).findFirst().orElseThrow();
        assertEquals("retired", oldView.status());
        assertEquals("active", newView.status());
        assertEquals(region, newView.region());
        assertNotEquals(certificate(authorities.certificateDer(oldId)).getPublicKey(),
                certificate(authorities.certificateDer(result.successor())).getPublicKey(), "a new key");

        IssuedCertificate after = issue("rollover-it.hypermesh.online", region);
        assertEquals(result.successor(), after.issuer(), "new issuance uses the successor");
        X509Certificate afterCert = certificate(pemBody(after.certificatePem()));
        afterCert.verify(certificate(authorities.certificateDer(result.successor())).getPublicKey());

        // The retired CA keeps its CRL: revoking an old certificate still reaches it.
        revocation.revoke(before.serialNumber(), "superseded", ISSUER);
        BigInteger serial = new BigInteger(before.serialNumber(), 16);
        X509CRL crl = null;
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            crl = parse(publication.latestCrl(oldId).der());
            if (crl.getRevokedCertificate(serial) != null) {
                break;
            }
            Thread.sleep(100);
        }
        assertNotNull(crl.getRevokedCertificate(serial), "the retired CA's CRL lists the revocation");
        crl.verify(certificate(authorities.certificateDer(oldId)).getPublicKey());
        assertNotNull(publication.latestCrl(result.successor()), "the successor publishes CRLs from the start");
    }

    private List<?> switchNamed() {
        return certificates.search(new CertificateSearchQuery(null, "switch-it.hypermesh.online", null, null, null, null, null, 1000, null)).items();
    }

    private IssuedCertificate issue(String name, String region) {
        return issuance.issue(new IssuanceCommand(TestCsr.forNames(name), "server", null, region, ISSUER));
    }

    private static byte[] pemBody(String pem) {
        return java.util.Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    private static X509CRL parse(byte[] der) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    }

    private static X509Certificate certificate(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
