package online.hypermesh.trustchain.core.revocation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.x509.BouncyCastle;

/** The RFC 5019 answer cache, with answers signed by the real responder. */
class OcspResponseCacheTest {
    private static RevocationTestCa ca;
    private static OcspResponderCredential credential;
    private static X509CertificateHolder leaf;
    private static X509CertificateHolder other;
    private static final Map<BigInteger, CertificateStatus> STATUSES = new ConcurrentHashMap<>();
    private static final Duration VALIDITY = Duration.ofMinutes(10);

    private final OcspResponder responder = new OcspResponder(ca.token, List.of(credential),
            (issuer, serial) -> STATUSES.getOrDefault(serial, CertificateStatus.unknown()), Clock.systemUTC(), VALIDITY);

    @BeforeAll
    static void setUp() throws Exception {
        ca = RevocationTestCa.shared();
        credential = DelegatedResponderIssuerTest.newIssuer(ca).issue(ca.intermediate, DelegatedResponderIssuerTest.freshAlias(), Duration.ofDays(4));
        leaf = ca.issueLeaf("cached.ocsp.test");
        other = ca.issueLeaf("other.ocsp.test");
        STATUSES.put(leaf.getSerialNumber(), CertificateStatus.good());
        STATUSES.put(other.getSerialNumber(), CertificateStatus.good());
    }

    private static CertificateID id(BigInteger serial, org.bouncycastle.asn1.x509.AlgorithmIdentifier hash) throws Exception {
        return new CertificateID(new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build().get(hash),
                ca.intermediate.certificate(), serial);
    }

    private static byte[] request(CertificateID... ids) throws Exception {
        OCSPReqBuilder builder = new OCSPReqBuilder();
        for (CertificateID id : ids) {
            builder.addRequest(id);
        }
        return builder.build().getEncoded();
    }

    private static byte[] withNonce(CertificateID id) throws Exception {
        Extension nonce = new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                new DEROctetString(new DEROctetString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}).getEncoded()));
        return new OCSPReqBuilder().addRequest(id).setRequestExtensions(new Extensions(nonce)).build().getEncoded();
    }

    @Test
    void onlyOneCertificateWithoutNonceMayBeAnsweredFromTheCache() throws Exception {
        CertificateID sha1 = id(leaf.getSerialNumber(), CertificateID.HASH_SHA1);
        assertTrue(OcspResponseCache.keyOf(request(sha1)).isPresent());
        assertFalse(OcspResponseCache.keyOf(withNonce(sha1)).isPresent(), "a nonce is bound to one request");
        assertFalse(OcspResponseCache.keyOf(request(sha1, id(other.getSerialNumber(), CertificateID.HASH_SHA1))).isPresent(), "two CertIDs");
        assertFalse(OcspResponseCache.keyOf(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}).isPresent(), "not an OCSP request");
        assertFalse(OcspResponseCache.keyOf(null).isPresent());
    }

    @Test
    void aGoodAnswerIsServedUntilHalfItsValidityThenSignedAgain() throws Exception {
        OcspResponseCache cache = new OcspResponseCache(100);
        byte[] request = request(id(leaf.getSerialNumber(), CertificateID.HASH_SHA1));
        OcspResponseCache.Key key = OcspResponseCache.keyOf(request).orElseThrow();
        long ticket = cache.ticket();
        byte[] signed = responder.respond(request).getEncoded();
        assertTrue(cache.offer(key, signed, ticket));
        OcspResponseTimes times = OcspResponseTimes.cacheable(signed, null).orElseThrow();
        assertEquals(VALIDITY, Duration.between(times.thisUpdate(), times.nextUpdate()));

        assertArrayEquals(signed, cache.answer(key, times.thisUpdate().plusSeconds(1)).orElseThrow(), "the very bytes signed before");
        assertArrayEquals(signed, cache.answer(key, times.thisUpdate().plus(VALIDITY.dividedBy(2)).minusSeconds(1)).orElseThrow());
        assertEquals(Optional.empty(), cache.answer(key, times.thisUpdate().plus(VALIDITY.dividedBy(2))), "half its validity passed: sign again");
    }

    @Test
    void theSameSerialAskedWithAnotherHashIsNotAnsweredWithTheFirstCertId() throws Exception {
        OcspResponseCache cache = new OcspResponseCache(100);
        byte[] sha1 = request(id(leaf.getSerialNumber(), CertificateID.HASH_SHA1));
        OcspResponseCache.Key key = OcspResponseCache.keyOf(sha1).orElseThrow();
        assertTrue(cache.offer(key, responder.respond(sha1).getEncoded(), cache.ticket()));
        OcspResponseCache.Key sha256 = OcspResponseCache.keyOf(request(id(leaf.getSerialNumber(),
                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256)))).orElseThrow();
        assertEquals(Optional.empty(), cache.answer(sha256, Instant.now()));
        assertFalse(cache.offer(sha256, responder.respond(sha1).getEncoded(), cache.ticket()),
                "an answer about another CertID is not stored under this one");
    }

    @Test
    void aStatusChangeDropsTheAnswerAndAnAnswerSignedBeforeItIsRefused() throws Exception {
        OcspResponseCache cache = new OcspResponseCache(100);
        byte[] request = request(id(other.getSerialNumber(), CertificateID.HASH_SHA1));
        OcspResponseCache.Key key = OcspResponseCache.keyOf(request).orElseThrow();
        assertTrue(cache.offer(key, responder.respond(request).getEncoded(), cache.ticket()));
        cache.invalidate(other.getSerialNumber());
        assertEquals(Optional.empty(), cache.answer(key, Instant.now()));

        // A request read "good", then the revocation committed and invalidated, then it offers.
        long ticket = cache.ticket();
        byte[] stale = responder.respond(request).getEncoded();
        cache.invalidate(other.getSerialNumber());
        assertFalse(cache.offer(key, stale, ticket), "signed from a status read before the change");
        assertEquals(Optional.empty(), cache.answer(key, Instant.now()));
    }

    @Test
    void unknownAndNonceAnswersAreNeverStored() throws Exception {
        OcspResponseCache cache = new OcspResponseCache(100);
        byte[] unknown = request(id(new BigInteger("777777777777777777", 16), CertificateID.HASH_SHA1));
        OcspResponseCache.Key key = OcspResponseCache.keyOf(unknown).orElseThrow();
        assertFalse(cache.offer(key, responder.respond(unknown).getEncoded(), cache.ticket()), "unknown: it may be issued any moment");

        CertificateID id = id(leaf.getSerialNumber(), CertificateID.HASH_SHA1);
        byte[] nonced = responder.respond(withNonce(id)).getEncoded();
        assertFalse(cache.offer(OcspResponseCache.keyOf(request(id)).orElseThrow(), nonced, cache.ticket()), "an answer echoing a nonce");
        assertFalse(OcspResponseTimes.cacheable(nonced, null).isPresent());
        assertEquals(0, cache.size());
    }

    @Test
    void newResponderCredentialsEmptyTheCacheAndSizeIsBounded() throws Exception {
        OcspResponseCache cache = new OcspResponseCache(1);
        Object first = new Object();
        cache.signedBy(first);
        byte[] a = request(id(leaf.getSerialNumber(), CertificateID.HASH_SHA1));
        byte[] b = request(id(other.getSerialNumber(), CertificateID.HASH_SHA1));
        assertTrue(cache.offer(OcspResponseCache.keyOf(a).orElseThrow(), responder.respond(a).getEncoded(), cache.ticket()));
        assertTrue(cache.offer(OcspResponseCache.keyOf(b).orElseThrow(), responder.respond(b).getEncoded(), cache.ticket()));
        assertEquals(1, cache.size(), "at most one answer");
        cache.signedBy(first);
        assertEquals(1, cache.size(), "the same credentials: kept");
        cache.signedBy(new Object());
        assertEquals(0, cache.size(), "rotated credentials: every answer signed again");
        assertFalse(new OcspResponseCache(0).offer(OcspResponseCache.keyOf(a).orElseThrow(), responder.respond(a).getEncoded(), 0), "0 turns it off");
    }
}
