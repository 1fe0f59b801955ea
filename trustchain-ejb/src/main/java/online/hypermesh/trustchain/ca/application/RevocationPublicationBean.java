package online.hypermesh.trustchain.ca.application;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;

import online.hypermesh.trustchain.ca.api.OcspAnswer;
import online.hypermesh.trustchain.ca.api.PublishedCrl;
import online.hypermesh.trustchain.ca.api.RevocationPublication;
import online.hypermesh.trustchain.ca.domain.RevocationStore;
import online.hypermesh.trustchain.ca.signer.CaSigner;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.revocation.OcspResponderCredential;
import online.hypermesh.trustchain.core.revocation.OcspResponseCache;
import online.hypermesh.trustchain.core.revocation.OcspResponseTimes;

/**
 * CRLs as stored by {@link CrlPublisher}, and OCSP answers: read from the certificate rows and
 * signed at request time, or for a request in the RFC 5019 profile served from
 * {@link OcspAnswerCache}, which drops an answer when its certificate's status changes, so a
 * committed revocation is reported by this node's very next answer (by the others' within about
 * two seconds).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class RevocationPublicationBean implements RevocationPublication {
    /** How long a client may cache an OCSP answer (nextUpdate - thisUpdate). */
    static final Duration OCSP_RESPONSE_VALIDITY = Duration.ofMinutes(10);

    @EJB
    AuthorityRegistry registry;

    @EJB
    OcspResponders responders;

    @EJB
    CaSigner signer;

    @EJB
    OcspAnswerCache answers;

    @Inject
    RevocationStore store;

    @Override
    public PublishedCrl latestCrl(String authorityId) {
        if (registry.byId(authorityId).isEmpty()) {
            throw TrustChainException.notFound("no certificate authority '" + authorityId + "'");
        }
        var crl = store.latestFullCrl(authorityId).orElseThrow(() -> new TrustChainException(ErrorKind.UNAVAILABLE,
                "the first CRL of " + authorityId + " is not published yet; retry in a minute"));
        return new PublishedCrl(crl.der(), crl.number(), crl.thisUpdate(), crl.nextUpdate());
    }

    @Override
    public PublishedCrl latestDeltaCrl(String authorityId) {
        if (registry.byId(authorityId).isEmpty()) {
            throw TrustChainException.notFound("no certificate authority '" + authorityId + "'");
        }
        var crl = store.latestDeltaCrl(authorityId).orElseThrow(() -> new TrustChainException(ErrorKind.UNAVAILABLE,
                "the first delta CRL of " + authorityId + " is not published yet; retry in a minute"));
        return new PublishedCrl(crl.der(), crl.number(), crl.thisUpdate(), crl.nextUpdate());
    }

    /**
     * A request for one certificate without nonce is answered from this node's cache while its
     * answer is fresh (no database read, no signature); otherwise, and for every other request,
     * the status is read and the answer signed now, and offered to the cache. See OcspAnswerCache
     * for how a status change reaches the cache.
     */
    @Override
    public byte[] ocsp(byte[] request) {
        List<OcspResponderCredential> credentials = responders.current();
        OcspResponseCache cache = answers.cache();
        Optional<OcspResponseCache.Key> key = OcspResponseCache.keyOf(request);
        if (key.isPresent()) {
            cache.signedBy(credentials);
            Optional<byte[]> cached = cache.answer(key.get(), Instant.now());
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        long ticket = cache.ticket();
        boolean[] aboutAnIntermediate = {false};
        var response = signer.respondOcsp(request, credentials, (issuer, serial) -> {
            aboutAnIntermediate[0] |= registry.byId(issuer.id()).map(AuthorityRegistry.Entry::isRoot).orElse(true);
            return store.status(issuer.id(), serial);
        }, OCSP_RESPONSE_VALIDITY);
        byte[] der;
        try {
            der = response.getEncoded();
        } catch (IOException e) {
            throw TrustChainException.internal("cannot encode an OCSP response", e);
        }
        if (key.isPresent() && !aboutAnIntermediate[0]) {
            cache.offer(key.get(), der, ticket);
        }
        return der;
    }

    @Override
    public OcspAnswer ocspForHttpCaches(byte[] request) {
        byte[] der = ocsp(request);
        return OcspResponseTimes.cacheable(der, null).map(t -> new OcspAnswer(der, t.thisUpdate(), t.nextUpdate()))
                .orElseGet(() -> new OcspAnswer(der, null, null));
    }

    @Override
    public byte[] malformedOcspRequest() {
        return unsignedResponse(OCSPResponseStatus.MALFORMED_REQUEST);
    }

    private static byte[] unsignedResponse(int status) {
        try {
            return new OCSPResponse(new OCSPResponseStatus(status), null).getEncoded();
        } catch (IOException e) {
            throw TrustChainException.internal("cannot encode an OCSP response", e);
        }
    }
}
