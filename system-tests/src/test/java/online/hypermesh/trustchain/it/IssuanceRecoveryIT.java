package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.CertificateDetails;
import online.hypermesh.trustchain.ca.api.CertificateQueries;
import online.hypermesh.trustchain.ca.api.CertificateSearchQuery;
import online.hypermesh.trustchain.ca.api.IssuanceCommand;
import online.hypermesh.trustchain.ca.api.IssuanceService;
import online.hypermesh.trustchain.ca.api.IssuedCertificate;
import online.hypermesh.trustchain.ca.api.RenewalService;
import online.hypermesh.trustchain.ca.api.RevocationPublication;
import online.hypermesh.trustchain.ca.api.RevocationService;
import online.hypermesh.trustchain.ca.application.AuthorityRegistry;
import online.hypermesh.trustchain.ca.application.IssuanceRecoveryTimer;
import online.hypermesh.trustchain.ca.application.SupersedeMarker;
import online.hypermesh.trustchain.ca.domain.IssuanceIntent;
import online.hypermesh.trustchain.ca.domain.IssuanceJournal;
import online.hypermesh.trustchain.ca.domain.IssuanceRequestRecord;
import online.hypermesh.trustchain.ca.domain.PrecertificateLog;
import online.hypermesh.trustchain.ca.signer.CaSigner;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.CertificateProfile;
import online.hypermesh.trustchain.core.x509.CsrValidator;
import online.hypermesh.trustchain.core.x509.IssuingAuthority;
import online.hypermesh.trustchain.core.x509.SerialNumbers;
import online.hypermesh.trustchain.core.x509.ValidatedCsr;
import online.hypermesh.trustchain.core.x509.Validity;

/**
 * Issuance's record of intent on the real server, PostgreSQL and CT log: an issuance cut off by a
 * crash after step 2 (intent committed) or step 3 (precertificate logged) is found by recovery and
 * settled, its serial answered by OCSP, revocable and on the CRL; renewal races and failures. The
 * crash is played by doing steps 1 to 3 with the real beans and never doing the rest, which is
 * exactly what a killed JVM leaves (the table of every crash point is IssuanceCrashPointsTest;
 * the JVM itself is killed in KillUnderLoadIT).
 */
@ExtendWith(ArquillianExtension.class)
class IssuanceRecoveryIT {
    private static final Caller ISSUER = new Caller("it-recovery", Caller.Role.ISSUER);
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    @Deployment
    static EnterpriseArchive deployment() {
        EnterpriseArchive ear = ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("trustchain.ear")));
        WebArchive web = ear.getAsType(WebArchive.class, "trustchain-web.war");
        web.addClasses(IssuanceRecoveryIT.class, TestCsr.class, TestAccounts.class);
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
    CaSigner signer;

    @EJB
    AuthorityRegistry registry;

    @Inject
    IssuanceJournal journal;

    @EJB
    PrecertificateLog log;

    @EJB
    IssuanceRecoveryTimer recovery;

    @EJB
    CertificateQueries certificates;

    @EJB
    RevocationService revocation;

    @EJB
    RevocationPublication publication;

    @EJB
    IssuanceService issuance;

    @EJB
    RenewalService renewal;

    @EJB
    SupersedeMarker supersede;

    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    @Resource
    UserTransaction transaction;

    /** Steps 1 and 2 of issuance with the real signer and journal, recorded as received ten minutes ago; returns the precertificate. */
    private X509CertificateHolder intentLeftByACrash(String name) throws Exception {
        IssuingAuthority issuer = registry.activeIssuer("us-east-1").orElseThrow().authority();
        ValidatedCsr csr = new CsrValidator().validate(TestCsr.forNames(name), CertificateProfile.SERVER);
        BigInteger serial = SerialNumbers.next();
        Instant then = Instant.now().minus(Duration.ofMinutes(10));
        Validity validity = Validity.startingAt(Instant.now(), Duration.ofHours(24));
        X509CertificateHolder precertificate = signer.issuePrecertificate(issuer, csr, CertificateProfile.SERVER, serial, validity);
        transaction.begin();
        journal.recordIntent(new IssuanceIntent(new IssuanceRequestRecord(csr.der(), "server", null, "us-east-1", ISSUER.name(), then),
                SerialNumbers.toHex(serial), issuer.id(), "server", precertificate.getSubject().toString(), csr.names().asText(),
                validity.notBefore(), validity.notAfter(), precertificate.getEncoded(), null));
        transaction.commit();
        return precertificate;
    }

    @Test
    void crashAfterTheIntent_recoverySettlesIt_unlogged_andTheSerialIsRevocableAndAnsweredByOcsp() throws Exception {
        X509CertificateHolder precertificate = intentLeftByACrash("crashed-intent-it.hypermesh.online");
        String serial = SerialNumbers.toHex(precertificate.getSerialNumber());
        assertEquals("reserved", text("select state from serial_reservation where serial_number = ?", serial));
        assertEquals("good", ocspStatus(precertificate), "OCSP answers for the serial from the moment the intent commits");

        var settled = recovery.settleAbandoned(Duration.ofMinutes(5));

        // The intent is ten minutes old, so the server's own recovery timer (every minute) may have
        // settled it first, between the commit above and this call: either way, settled exactly once.
        assertEquals("incomplete", text("select state from serial_reservation where serial_number = ?", serial), settled.toString());
        assertEquals("1", text("select count(*)::text from audit_event where action = 'certificate.issuance_incomplete' and object_id = ?",
                serial));
        assertEquals("false", text("select details->>'logged' from audit_event where action = 'certificate.issuance_incomplete'"
                + " and object_id = ?", serial));
        CertificateDetails details = certificates.find(serial);
        assertEquals("precertificate", details.stage());
        assertNull(details.certificate());
        assertTrue(certificates.search(new CertificateSearchQuery(null, "crashed-intent-it.hypermesh.online", null, null, null, null, null,
                null, "precertificate")).items().stream().anyMatch(c -> c.serialNumber().equals(serial)), "the search filter reports it");

        assertEquals("revoked", revocation.revoke(serial, "keyCompromise", ISSUER).status());
        assertEquals("revoked", ocspStatus(precertificate));
        assertTrue(!recovery.settleAbandoned(Duration.ofMinutes(5)).contains(serial),
                "settled once");
    }

    @Test
    void crashAfterThePrecertificateWasLogged_recoveryReportsItsLeafIndex() throws Exception {
        X509CertificateHolder precertificate = intentLeftByACrash("crashed-logged-it.hypermesh.online");
        String serial = SerialNumbers.toHex(precertificate.getSerialNumber());
        byte[] issuer = registry.byId(certificates.find(serial).issuer()).orElseThrow().authority().certificate().getEncoded();
        PrecertificateLog.Logged logged = log.log(precertificate.getEncoded(), issuer);

        recovery.settleAbandoned(Duration.ofMinutes(5));

        assertEquals("incomplete", text("select state from serial_reservation where serial_number = ?", serial));
        assertEquals(Long.toString(logged.leafIndex()), text("select details->>'leaf_index' from audit_event"
                + " where action = 'certificate.issuance_incomplete' and object_id = ?", serial));
        assertEquals("good", ocspStatus(precertificate), "a logged precertificate is an issued certificate: OCSP never says unknown");
    }

    @Test
    void parallelRenewals_exactlyOneWins_andTheOtherGets409BeforeItsPrecertificateIsMade() throws Exception {
        String name = "renew-race-it.hypermesh.online";
        IssuedCertificate old = issuance.issue(new IssuanceCommand(TestCsr.forNames(name), "server", null, null, ISSUER));
        long reservationsBefore = number("select count(*) from serial_reservation");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<IssuedCertificate>> renewals = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            byte[] csr = TestCsr.forNames(name);
            Callable<IssuedCertificate> renew = () -> {
                start.await();
                return renewal.renew(old.serialNumber(), csr, null, ISSUER);
            };
            renewals.add(pool.submit(renew));
        }
        start.countDown();
        List<IssuedCertificate> won = new ArrayList<>();
        List<TrustChainException> lost = new ArrayList<>();
        for (Future<IssuedCertificate> f : renewals) {
            try {
                won.add(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                lost.add(TrustChainException.find(e));
            }
        }
        pool.shutdown();

        assertEquals(1, won.size(), "exactly one renewal wins: " + lost);
        assertEquals(1, lost.size());
        assertNotNull(lost.get(0));
        assertEquals(ErrorKind.CONFLICT, lost.get(0).kind(), lost.get(0).getMessage());
        assertEquals(won.get(0).serialNumber(), certificates.find(old.serialNumber()).renewedBy());
        assertEquals(reservationsBefore + 1, number("select count(*) from serial_reservation"),
                "the losing renewal reserved no serial and signed no precertificate that was recorded");
    }

    @Test
    void renewalThatFailsAfterItsIntent_leavesThePredecessorValidNotSupersededAndRenewable() throws Exception {
        String name = "renew-fails-it.hypermesh.online";
        IssuedCertificate old = issuance.issue(new IssuanceCommand(TestCsr.forNames(name), "server", null, null, ISSUER));

        transaction.begin();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("lock table ct_log_state in exclusive mode");
            TrustChainException e = assertThrows(TrustChainException.class, () -> {
                try {
                    renewal.renew(old.serialNumber(), TestCsr.forNames(name), null, ISSUER);
                } catch (RuntimeException x) {
                    throw TrustChainException.find(x) == null ? x : TrustChainException.find(x);
                }
            });
            assertEquals(ErrorKind.UNAVAILABLE, e.kind(), e.getMessage());
        } finally {
            transaction.rollback();
        }

        assertNull(certificates.find(old.serialNumber()).renewedBy(), "a failed renewal links nothing");
        supersede.markDue(Instant.now().plus(Duration.ofDays(1)));
        assertEquals("valid", certificates.find(old.serialNumber()).status(), "the predecessor is not superseded by a renewal that failed");

        IssuedCertificate retried = renewal.renew(old.serialNumber(), TestCsr.forNames(name), null, ISSUER);
        assertEquals(old.serialNumber(), certificates.find(retried.serialNumber()).replaces(), "the client can renew again");
    }

    /** "good", "revoked" or "unknown", as the responder answers for {@code certificate}'s serial right now. */
    private String ocspStatus(X509CertificateHolder certificate) throws Exception {
        String issuerId = certificates.find(SerialNumbers.toHex(certificate.getSerialNumber())).issuer();
        X509CertificateHolder issuer = registry.byId(issuerId).orElseThrow().authority().certificate();
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().setProvider(BC).build().get(CertificateID.HASH_SHA1),
                issuer, certificate.getSerialNumber());
        OCSPResp response = new OCSPResp(publication.ocsp(new OCSPReqBuilder().addRequest(id).build().getEncoded()));
        assertEquals(OCSPResp.SUCCESSFUL, response.getStatus());
        var status = ((BasicOCSPResp) response.getResponseObject()).getResponses()[0].getCertStatus();
        return status == null ? "good" : status instanceof RevokedStatus ? "revoked" : "unknown";
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

    private long number(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
