package online.hypermesh.trustchain.core.revocation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import online.hypermesh.trustchain.core.x509.BouncyCastle;
import online.hypermesh.trustchain.core.x509.KeyIdentifiers;
import online.hypermesh.trustchain.core.x509.Pem;

class OcspResponderTest {
    private static RevocationTestCa ca;
    private static OcspResponderCredential credential;
    private static X509CertificateHolder goodLeaf;
    private static X509CertificateHolder revokedLeaf;
    private static X509CertificateHolder unspecifiedLeaf;
    private static final Instant REVOKED_AT = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.SECONDS);
    private static final Map<BigInteger, CertificateStatus> STATUSES = new ConcurrentHashMap<>();
    private static final BigInteger NEVER_ISSUED = new BigInteger("4242424242424242424242", 16);

    private final OcspResponder responder = new OcspResponder(ca.token, List.of(credential),
            (issuer, serial) -> STATUSES.getOrDefault(serial, CertificateStatus.unknown()), Clock.systemUTC(), Duration.ofHours(4));

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        ca = RevocationTestCa.shared();
        credential = DelegatedResponderIssuerTest.newIssuer(ca).issue(ca.intermediate, DelegatedResponderIssuerTest.freshAlias(), Duration.ofDays(4));
        goodLeaf = ca.issueLeaf("good.ocsp.test");
        revokedLeaf = ca.issueLeaf("revoked.ocsp.test");
        unspecifiedLeaf = ca.issueLeaf("unspecified.ocsp.test");
        STATUSES.put(goodLeaf.getSerialNumber(), CertificateStatus.good());
        STATUSES.put(revokedLeaf.getSerialNumber(), CertificateStatus.revoked(REVOKED_AT, RevocationReason.KEY_COMPROMISE));
        STATUSES.put(unspecifiedLeaf.getSerialNumber(), CertificateStatus.revoked(REVOKED_AT, RevocationReason.UNSPECIFIED));
    }

    private static DigestCalculator digest(AlgorithmIdentifier algorithm) throws Exception {
        return new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build().get(algorithm);
    }

    private static CertificateID id(X509CertificateHolder issuer, BigInteger serial) throws Exception {
        return new CertificateID(digest(CertificateID.HASH_SHA1), issuer, serial);
    }

    private static Extension nonce(byte[] value) throws Exception {
        return new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(new DEROctetString(value).getEncoded()));
    }

    private static byte[] request(Extension nonce, CertificateID... ids) throws Exception {
        OCSPReqBuilder builder = new OCSPReqBuilder();
        for (CertificateID id : ids) {
            builder.addRequest(id);
        }
        if (nonce != null) {
            builder.setRequestExtensions(new Extensions(nonce));
        }
        return builder.build().getEncoded();
    }

    private static BasicOCSPResp successful(OCSPResp response) throws Exception {
        assertEquals(OCSPResp.SUCCESSFUL, response.getStatus());
        BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
        X509CertificateHolder signer = basic.getCerts()[0];
        assertEquals(credential.certificate(), signer, "the delegated responder certificate is included");
        assertTrue(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BouncyCastle.PROVIDER).build(signer)));
        assertArrayEquals(KeyIdentifiers.of(signer.getSubjectPublicKeyInfo()), basic.getResponderId().toASN1Primitive().getKeyHash(),
                "responderID is byKey");
        return basic;
    }

    @Test
    void goodCertificateWithNonceIsAnsweredGoodAndTheNonceIsEchoed() throws Exception {
        byte[] nonceValue = new byte[16];
        new SecureRandom().nextBytes(nonceValue);
        BasicOCSPResp basic = successful(responder.respond(request(nonce(nonceValue), id(ca.intermediate.certificate(), goodLeaf.getSerialNumber()))));
        SingleResp single = basic.getResponses()[0];
        assertNull(single.getCertStatus(), "null is GOOD in Bouncy Castle");
        assertEquals(goodLeaf.getSerialNumber(), single.getCertID().getSerialNumber());
        Duration cacheable = Duration.between(single.getThisUpdate().toInstant(), single.getNextUpdate().toInstant());
        assertEquals(Duration.ofHours(4), cacheable);
        assertFalse(single.getThisUpdate().toInstant().isAfter(Instant.now()));
        Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        assertNotNull(echoed);
        assertArrayEquals(nonceValue, ASN1OctetString.getInstance(echoed.getParsedValue()).getOctets());
    }

    @Test
    void revokedCertificateCarriesTimeAndReason() throws Exception {
        BasicOCSPResp basic = successful(responder.respond(request(null, id(ca.intermediate.certificate(), revokedLeaf.getSerialNumber()))));
        RevokedStatus status = assertInstanceOf(RevokedStatus.class, basic.getResponses()[0].getCertStatus());
        assertEquals(REVOKED_AT, status.getRevocationTime().toInstant());
        assertTrue(status.hasRevocationReason());
        assertEquals(RevocationReason.KEY_COMPROMISE.code(), status.getRevocationReason());
        assertNull(basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce), "no nonce asked, none sent");
    }

    @Test
    void unspecifiedRevocationOmitsTheReason() throws Exception {
        BasicOCSPResp basic = successful(responder.respond(request(null, id(ca.intermediate.certificate(), unspecifiedLeaf.getSerialNumber()))));
        RevokedStatus status = assertInstanceOf(RevokedStatus.class, basic.getResponses()[0].getCertStatus());
        assertFalse(status.hasRevocationReason());
    }

    @Test
    void neverIssuedSerialIsUnknown() throws Exception {
        BasicOCSPResp basic = successful(responder.respond(request(null, id(ca.intermediate.certificate(), NEVER_ISSUED))));
        assertInstanceOf(UnknownStatus.class, basic.getResponses()[0].getCertStatus());
    }

    @Test
    void sha256CertIdsAreMatchedAndEchoed() throws Exception {
        CertificateID sha256 = new CertificateID(digest(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                ca.intermediate.certificate(), revokedLeaf.getSerialNumber());
        BasicOCSPResp basic = successful(responder.respond(request(null, sha256)));
        assertEquals(sha256, basic.getResponses()[0].getCertID());
        assertInstanceOf(RevokedStatus.class, basic.getResponses()[0].getCertStatus());
    }

    @Test
    void severalCertIdsAreAnsweredInOrderAndForeignIssuersAreUnknown() throws Exception {
        BasicOCSPResp basic = successful(responder.respond(request(null,
                id(ca.intermediate.certificate(), goodLeaf.getSerialNumber()),
                id(ca.root.certificate(), goodLeaf.getSerialNumber()),
                id(ca.intermediate.certificate(), revokedLeaf.getSerialNumber()))));
        SingleResp[] answers = basic.getResponses();
        assertEquals(3, answers.length);
        assertNull(answers[0].getCertStatus());
        assertInstanceOf(UnknownStatus.class, answers[1].getCertStatus(), "the root is not served by this responder");
        assertInstanceOf(RevokedStatus.class, answers[2].getCertStatus());
    }

    @Test
    void anIssuerWeDoNotServeIsUnauthorized() throws Exception {
        OCSPResp response = responder.respond(request(null, id(ca.root.certificate(), ca.intermediate.certificate().getSerialNumber())));
        assertEquals(OCSPResp.UNAUTHORIZED, response.getStatus());
        assertNull(response.getResponseObject());
    }

    @Test
    void undecodableRequestsAreMalformed() throws Exception {
        assertEquals(OCSPResp.MALFORMED_REQUEST, responder.respond(new byte[] {0x30, 0x03, 0x02, 0x01}).getStatus());
        assertEquals(OCSPResp.MALFORMED_REQUEST, responder.respond("GET / HTTP/1.1".getBytes()).getStatus());
        assertEquals(OCSPResp.MALFORMED_REQUEST, responder.respond(new byte[0]).getStatus());
        assertEquals(OCSPResp.MALFORMED_REQUEST, responder.respond(new byte[OcspResponder.MAX_REQUEST_BYTES + 1]).getStatus());
        assertEquals(OCSPResp.MALFORMED_REQUEST, responder.respond(new X500Name("CN=not a request").getEncoded()).getStatus());
    }

    @Test
    void nonceLengthOutsideOneTo32OctetsIsMalformed() throws Exception {
        CertificateID id = id(ca.intermediate.certificate(), goodLeaf.getSerialNumber());
        assertEquals(OCSPResp.MALFORMED_REQUEST, responder.respond(request(nonce(new byte[33]), id)).getStatus());
        assertEquals(OCSPResp.MALFORMED_REQUEST, responder.respond(request(nonce(new byte[0]), id)).getStatus());
        Extension notAnOctetString = new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(new byte[] {1, 2, 3}));
        assertEquals(OCSPResp.MALFORMED_REQUEST, responder.respond(request(notAnOctetString, id)).getStatus());
        assertEquals(OCSPResp.SUCCESSFUL, responder.respond(request(nonce(new byte[32]), id)).getStatus());
        assertEquals(OCSPResp.SUCCESSFUL, responder.respond(request(nonce(new byte[1]), id)).getStatus());
    }

    @Test
    void tooManyCertIdsAreMalformed() throws Exception {
        CertificateID[] ids = new CertificateID[OcspResponder.MAX_CERT_IDS + 1];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = id(ca.intermediate.certificate(), BigInteger.valueOf(1000 + i));
        }
        assertEquals(OCSPResp.MALFORMED_REQUEST, responder.respond(request(null, ids)).getStatus());
    }

    @Test
    void aFailingLookupIsTryLaterWhenUnavailable() throws Exception {
        OcspResponder down = new OcspResponder(ca.token, List.of(credential), (issuer, serial) -> {
            throw new online.hypermesh.trustchain.core.error.TrustChainException(
                    online.hypermesh.trustchain.core.error.ErrorKind.UNAVAILABLE, "database down");
        }, Clock.systemUTC(), Duration.ofHours(4));
        assertEquals(OCSPResp.TRY_LATER, down.respond(request(null, id(ca.intermediate.certificate(), goodLeaf.getSerialNumber()))).getStatus());
    }

    @Test
    void aLostDatabaseConnectionInTheLookupIsTryLater_notInternalError() throws Exception {
        // What a JDBC store throws when PostgreSQL is gone: SQLState class 08, wrapped unchecked.
        OcspResponder down = new OcspResponder(ca.token, List.of(credential), (issuer, serial) -> {
            throw new IllegalStateException("status lookup failed",
                    new java.sql.SQLNonTransientConnectionException("Connection refused", "08001"));
        }, Clock.systemUTC(), Duration.ofHours(4));
        assertEquals(OCSPResp.TRY_LATER, down.respond(request(null, id(ca.intermediate.certificate(), goodLeaf.getSerialNumber()))).getStatus());
        // ... or as the JDBC revocation store does, an internal error whose cause is the lost connection.
        OcspResponder wrapped = new OcspResponder(ca.token, List.of(credential), (issuer, serial) -> {
            throw online.hypermesh.trustchain.core.error.TrustChainException.internal("cannot read the status",
                    new java.sql.SQLException("terminating connection due to administrator command", "57P01"));
        }, Clock.systemUTC(), Duration.ofHours(4));
        assertEquals(OCSPResp.TRY_LATER, wrapped.respond(request(null, id(ca.intermediate.certificate(), goodLeaf.getSerialNumber()))).getStatus());
        // Anything else stays internalError: a bug is not an outage.
        OcspResponder broken = new OcspResponder(ca.token, List.of(credential), (issuer, serial) -> {
            throw new IllegalStateException("a bug");
        }, Clock.systemUTC(), Duration.ofHours(4));
        assertEquals(OCSPResp.INTERNAL_ERROR, broken.respond(request(null, id(ca.intermediate.certificate(), goodLeaf.getSerialNumber()))).getStatus());
    }

    @Test
    void anExpiredResponderCertificateGivesTryLater() throws Exception {
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(30)), java.time.ZoneOffset.UTC);
        OcspResponder stale = new OcspResponder(ca.token, List.of(credential),
                (issuer, serial) -> CertificateStatus.good(), later, Duration.ofHours(4));
        assertEquals(OCSPResp.TRY_LATER, stale.respond(request(null, id(ca.intermediate.certificate(), goodLeaf.getSerialNumber()))).getStatus());
    }

    @Test
    void opensslAcceptsTheResponseAndReportsGoodAndRevoked() throws Exception {
        Path root = write("root.pem", ca.root.certificate());
        Path intermediate = write("int.pem", ca.intermediate.certificate());
        Path good = write("good.pem", goodLeaf);
        Path revoked = write("revoked.pem", revokedLeaf);

        // openssl builds the request (with its own nonce); our responder answers it; openssl checks signature, chain and nonce.
        Path req = dir.resolve("req.der");
        Openssl.Result made = Openssl.run(dir, "ocsp", "-issuer", intermediate.toString(), "-cert", good.toString(), "-reqout", req.toString());
        assertEquals(0, made.exitCode(), made.all());
        Path resp = dir.resolve("resp.der");
        Files.write(resp, responder.respond(Files.readAllBytes(req)).getEncoded());
        Openssl.Result checked = Openssl.run(dir, "ocsp", "-reqin", req.toString(), "-respin", resp.toString(),
                "-CAfile", root.toString(), "-verify_other", intermediate.toString(), "-resp_text");
        assertEquals(0, checked.exitCode(), checked.all());
        assertTrue(checked.stderr().contains("Response verify OK"), checked.all());
        assertFalse(checked.stderr().contains("no nonce") || checked.stderr().contains("Nonce Verify error"), checked.all());
        assertTrue(checked.stdout().contains("OCSP Nonce"), checked.stdout());
        assertTrue(checked.stdout().contains("OCSP No Check"), checked.stdout());
        Openssl.Result goodStatus = Openssl.run(dir, "ocsp", "-issuer", intermediate.toString(), "-cert", good.toString(), "-no_nonce",
                "-respin", resp.toString(), "-CAfile", root.toString(), "-verify_other", intermediate.toString());
        assertEquals(0, goodStatus.exitCode(), goodStatus.all());
        assertTrue(goodStatus.stdout().contains(good + ": good"), goodStatus.all());

        // A BC-built request for the revoked leaf: openssl reports revoked with time and reason.
        Path revokedResp = dir.resolve("revoked-resp.der");
        Files.write(revokedResp, responder.respond(request(nonce(new byte[] {9, 8, 7}), id(ca.intermediate.certificate(), revokedLeaf.getSerialNumber()))).getEncoded());
        Openssl.Result revokedStatus = Openssl.run(dir, "ocsp", "-issuer", intermediate.toString(), "-cert", revoked.toString(), "-no_nonce",
                "-respin", revokedResp.toString(), "-CAfile", root.toString(), "-verify_other", intermediate.toString());
        assertEquals(0, revokedStatus.exitCode(), revokedStatus.all());
        assertTrue(revokedStatus.stderr().contains("Response verify OK"), revokedStatus.all());
        assertTrue(revokedStatus.stdout().contains(revoked + ": revoked"), revokedStatus.all());
        assertTrue(revokedStatus.stdout().contains("Reason: keyCompromise"), revokedStatus.all());
    }

    private Path write(String name, X509CertificateHolder cert) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, Pem.certificate(cert.getEncoded()));
        return file;
    }
}
