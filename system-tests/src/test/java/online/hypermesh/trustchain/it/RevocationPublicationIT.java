package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import jakarta.ejb.EJB;

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
import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.IssuanceCommand;
import online.hypermesh.trustchain.ca.api.IssuanceService;
import online.hypermesh.trustchain.ca.api.IssuedCertificate;
import online.hypermesh.trustchain.ca.api.PublishedCrl;
import online.hypermesh.trustchain.ca.api.RevocationPublication;
import online.hypermesh.trustchain.ca.api.RevocationService;
import online.hypermesh.trustchain.ca.application.CrlPublisher;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * CRL publication inside the real server: a committed revocation is republished in the issuer's
 * CRL (asynchronously, after commit) with its reason, under a larger CRL number, signed by the CA.
 */
@ExtendWith(ArquillianExtension.class)
class RevocationPublicationIT {
    private static final Caller ISSUER = new Caller("it-revocation", Caller.Role.ISSUER);

    @Deployment
    static EnterpriseArchive deployment() {
        EnterpriseArchive ear = ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("trustchain.ear")));
        WebArchive web = ear.getAsType(WebArchive.class, "trustchain-web.war");
        web.addClasses(RevocationPublicationIT.class, TestCsr.class, TestAccounts.class);
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
    RevocationService revocation;

    @EJB
    RevocationPublication publication;

    @EJB
    AuthorityQueries authorities;

    @EJB
    CrlPublisher publisher;

    @Test
    void revocation_appearsInTheIssuersCrlWithItsReason_underAGrowingCrlNumber() throws Exception {
        IssuedCertificate issued = issuance.issue(new IssuanceCommand(TestCsr.forNames("crl-it.hypermesh.online"), "server", null, null, ISSUER));
        PublishedCrl before = publication.latestCrl(issued.issuer());
        BigInteger serial = new BigInteger(issued.serialNumber(), 16);
        assertNull(parse(before.der()).getRevokedCertificate(serial), "not listed before revocation");

        revocation.revoke(issued.serialNumber(), "keyCompromise", ISSUER);

        X509CRL crl = null;
        PublishedCrl after = before;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            after = publication.latestCrl(issued.issuer());
            crl = parse(after.der());
            if (crl.getRevokedCertificate(serial) != null) {
                break;
            }
            Thread.sleep(100);
        }
        X509CRLEntry entry = crl.getRevokedCertificate(serial);
        assertNotNull(entry, "the revocation was republished within 10 s");
        assertEquals(CRLReason.KEY_COMPROMISE, entry.getRevocationReason());
        crl.verify(certificate(authorities.certificateDer(issued.issuer())).getPublicKey());
        assertTrue(after.number() > before.number(), "CRL number grows: " + before.number() + " -> " + after.number());
        assertEquals(BigInteger.valueOf(after.number()), crlNumber(after.der()));
        assertTrue(crl.getNextUpdate().after(new Date()), "nextUpdate in the future");
        assertEquals(Duration.ofHours(24), Duration.between(crl.getThisUpdate().toInstant(), crl.getNextUpdate().toInstant()));

        long republished = publisher.publish(issued.issuer());
        assertTrue(republished > after.number(), "every CRL gets a new, larger number");
        assertNotNull(parse(publication.latestCrl(issued.issuer()).der()).getRevokedCertificate(serial), "still listed");
    }

    @Test
    void rootCrl_isPublishedAndSignedByTheRoot() throws Exception {
        String rootId = authorities.authorities().stream().filter(a -> a.parent() == null).findFirst().orElseThrow().id();
        X509CRL crl = parse(publication.latestCrl(rootId).der());
        crl.verify(certificate(authorities.certificateDer(rootId)).getPublicKey());
        assertNull(crl.getRevokedCertificates(), "no intermediate is revoked");
    }

    @Test
    void unknownAuthority_isNotFound() {
        assertEquals(ErrorKind.NOT_FOUND, assertThrows(TrustChainException.class, () -> publication.latestCrl("no-such-ca")).kind());
    }

    private static X509CRL parse(byte[] der) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    }

    private static X509Certificate certificate(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    private static BigInteger crlNumber(byte[] der) throws Exception {
        return ASN1Integer.getInstance(new X509CRLHolder(der).getExtension(Extension.cRLNumber).getParsedValue()).getValue();
    }
}
