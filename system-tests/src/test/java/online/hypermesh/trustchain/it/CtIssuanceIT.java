package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.transaction.UserTransaction;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.cert.X509CertificateHolder;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import online.hypermesh.trustchain.ca.api.AuthorityQueries;
import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.CertificateDetails;
import online.hypermesh.trustchain.ca.api.CertificateQueries;
import online.hypermesh.trustchain.ca.api.CtLogService;
import online.hypermesh.trustchain.ca.api.IssuanceCommand;
import online.hypermesh.trustchain.ca.api.IssuanceService;
import online.hypermesh.trustchain.ca.api.IssuedCertificate;
import online.hypermesh.trustchain.ca.api.RevocationService;
import online.hypermesh.trustchain.ca.domain.PrecertificateLog;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.ct.entry.CtExtensions;
import online.hypermesh.trustchain.ct.entry.MerkleTreeLeaf;
import online.hypermesh.trustchain.ct.entry.SignedEntry;
import online.hypermesh.trustchain.ct.entry.TimestampedEntry;
import online.hypermesh.trustchain.ct.merkle.MerkleHashes;
import online.hypermesh.trustchain.ct.merkle.ProofVerifier;
import online.hypermesh.trustchain.ct.sct.DigitallySigned;
import online.hypermesh.trustchain.ct.sct.SctList;
import online.hypermesh.trustchain.ct.sct.SignatureInputs;
import online.hypermesh.trustchain.ct.sct.SignedCertificateTimestamp;
import online.hypermesh.trustchain.ct.submit.CertificateHashes;
import online.hypermesh.trustchain.ct.submit.TbsCertificates;

/**
 * Issuance with embedded SCTs inside the real server: every certificate carries an SCT that
 * verifies against the log key over its precertificate, the precertificate entry is in a signed
 * tree head by the time the certificate is returned, and a log that cannot answer makes issuance
 * fail with UNAVAILABLE while the precertificate it may still log stays recorded and revocable.
 */
@ExtendWith(ArquillianExtension.class)
class CtIssuanceIT {
    private static final Caller ISSUER = new Caller("it-ct-issuer", Caller.Role.ISSUER);

    @Deployment
    static EnterpriseArchive deployment() {
        EnterpriseArchive ear = ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("trustchain.ear")));
        WebArchive web = ear.getAsType(WebArchive.class, "trustchain-web.war");
        web.addClasses(CtIssuanceIT.class, TestCsr.class, TestAccounts.class);
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
    CtLogService log;

    @EJB
    AuthorityQueries authorities;

    @EJB
    PrecertificateLog precertificateLog;

    @EJB
    CertificateQueries certificates;

    @EJB
    RevocationService revocation;

    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    @Resource
    UserTransaction transaction;

    @Test
    void issuedCertificate_carriesOneSctThatVerifiesOverItsPrecertificate() throws Exception {
        IssuedCertificate issued = issue("sct-it.hypermesh.online");
        X509CertificateHolder certificate = new X509CertificateHolder(pemBody(issued.certificatePem()));
        SignedCertificateTimestamp sct = onlySct(certificate);

        assertEquals(log.description().logId(), Base64.getEncoder().encodeToString(sct.logId()), "the SCT names this deployment's log");
        assertNull(certificate.getExtension(TbsCertificates.POISON), "the final certificate is not poisoned");
        assertTrue(verifies(logKey(), SignatureInputs.certificateTimestamp(sct.timestamp(), precertEntry(certificate, issued), sct.extensions()),
                sct.signature().signature()), "the SCT signature verifies over the precertificate's TBSCertificate and issuer key hash");
        X509Certificate x509 = x509(certificate.getEncoded());
        x509.verify(x509(authorities.certificateDer(issued.issuer())).getPublicKey());
    }

    @Test
    void precertificateEntry_isInASignedTreeHeadWhenTheCertificateIsReturned() throws Exception {
        IssuedCertificate issued = issue("sct-inclusion-it.hypermesh.online");
        X509CertificateHolder certificate = new X509CertificateHolder(pemBody(issued.certificatePem()));
        SignedCertificateTimestamp sct = onlySct(certificate);
        long leafIndex = CtExtensions.findLeafIndex(sct.extensions()).orElseThrow();

        CtLogService.TreeHead head = log.latestTreeHead();
        assertTrue(head.treeSize() > leafIndex, "the log returns an SCT only after its entry is in a signed tree head");
        assertTrue(verifies(logKey(), SignatureInputs.treeHead(head.timestamp(), head.treeSize(), head.rootHash()),
                DigitallySigned.decode(head.signature()).signature()), "the tree head signature verifies");

        byte[] leaf = MerkleTreeLeaf.encode(new TimestampedEntry(sct.timestamp(), precertEntry(certificate, issued), sct.extensions()));
        CtLogService.EntryAndProof stored = log.entryAndProof(leafIndex, head.treeSize());
        assertArrayEquals(leaf, stored.entry().leafInput(), "the logged leaf is exactly the precertificate entry the SCT signs");
        ProofVerifier.verifyInclusion(leafIndex, head.treeSize(), MerkleHashes.leafHash(leaf), stored.auditPath(), head.rootHash());
    }

    @Test
    void unavailableLog_failsIssuanceWith503_yetThePrecertificateItMayHaveLoggedIsRecordedAndRevocable() throws Exception {
        long finalCertificates = count("select count(*) from certificate where der is not null");
        long incompleteBefore = count("select count(*) from serial_reservation where state = 'incomplete'");

        // Hold the log's state row from outside: the sequencer cannot commit, so no SCT comes back in time.
        transaction.begin();
        TrustChainException refused;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("lock table ct_log_state in exclusive mode");
            refused = assertThrows(TrustChainException.class, () -> {
                try {
                    issue("log-down-it.hypermesh.online");
                } catch (RuntimeException e) {
                    throw TrustChainException.find(e) == null ? e : TrustChainException.find(e);
                }
            });
        } finally {
            transaction.rollback();
        }

        assertEquals(ErrorKind.UNAVAILABLE, refused.kind(), refused.getMessage());
        assertTrue(refused.getMessage().contains("CT log"), refused.getMessage());
        assertEquals(finalCertificates, count("select count(*) from certificate where der is not null"), "no certificate without its SCT");
        assertEquals(incompleteBefore + 1, count("select count(*) from serial_reservation where state = 'incomplete'"),
                "the issuance ended as incomplete");
        String serial = text("select serial_number from serial_reservation where state = 'incomplete' order by reserved_at desc limit 1");
        assertEquals(1, count("select count(*) from audit_event where action = 'certificate.issuance_incomplete' and object_id = '" + serial + "'"));
        CertificateDetails details = certificates.find(serial);
        assertEquals("precertificate", details.stage());
        assertEquals("valid", details.status(), "a precertificate counts as issued: it is revocable");
        assertNull(details.certificate());

        // The sequencer commits its pending batch once the lock is gone: the precertificate is now
        // public, and the CA has the row for it (today's promise; before, the log held a serial the CA did not know).
        X509CertificateHolder precertificate = new X509CertificateHolder(pemBody(details.precertificate()));
        byte[] issuer = authorities.certificateDer(details.issuer());
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (precertificateLog.find(precertificate.getEncoded(), issuer).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(precertificateLog.find(precertificate.getEncoded(), issuer).isPresent(), "the log committed the precertificate after all");
        assertEquals("revoked", revocation.revoke(serial, "cessationOfOperation", ISSUER).status());

        // The log recovers by itself once the lock is gone.
        assertNotNull(onlySct(new X509CertificateHolder(pemBody(issue("log-back-it.hypermesh.online").certificatePem()))));
    }

    private IssuedCertificate issue(String name) {
        return issuance.issue(new IssuanceCommand(TestCsr.forNames(name), "server", null, null, ISSUER));
    }

    private SignedEntry precertEntry(X509CertificateHolder certificate, IssuedCertificate issued) throws Exception {
        X509CertificateHolder issuer = new X509CertificateHolder(authorities.certificateDer(issued.issuer()));
        return SignedEntry.precert(CertificateHashes.sha256(issuer.getSubjectPublicKeyInfo().getEncoded()),
                TbsCertificates.tbsWithout(certificate.getEncoded(), TbsCertificates.SCT_LIST));
    }

    private static SignedCertificateTimestamp onlySct(X509CertificateHolder certificate) {
        var extension = certificate.getExtension(TbsCertificates.SCT_LIST);
        assertNotNull(extension, "the certificate embeds an SCT list");
        List<SignedCertificateTimestamp> scts = SctList.decode(ASN1OctetString.getInstance(extension.getParsedValue()).getOctets());
        assertEquals(1, scts.size());
        return scts.get(0);
    }

    private PublicKey logKey() throws Exception {
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(log.description().key())));
    }

    private static boolean verifies(PublicKey key, byte[] input, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(key);
        verifier.update(input);
        return verifier.verify(signature);
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private String text(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            assertTrue(r.next(), "no row for " + sql);
            return r.getString(1);
        }
    }

    private static X509Certificate x509(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    private static byte[] pemBody(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }
}
