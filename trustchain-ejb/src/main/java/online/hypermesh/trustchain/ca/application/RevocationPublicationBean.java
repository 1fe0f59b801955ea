package online.hypermesh.trustchain.ca.application;

import java.io.IOException;
import java.time.Duration;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;

import online.hypermesh.trustchain.ca.api.PublishedCrl;
import online.hypermesh.trustchain.ca.api.RevocationPublication;
import online.hypermesh.trustchain.ca.domain.RevocationStore;
import online.hypermesh.trustchain.ca.signer.CaSigner;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * CRLs as stored by {@link CrlPublisher}, and OCSP answers read from the certificate rows at
 * request time (no cache), so a committed revocation is reported by the very next request.
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

    @Override
    public byte[] ocsp(byte[] request) {
        var response = signer.respondOcsp(request, responders.current(),
                (issuer, serial) -> store.status(issuer.id(), serial), OCSP_RESPONSE_VALIDITY);
        try {
            return response.getEncoded();
        } catch (IOException e) {
            throw TrustChainException.internal("cannot encode an OCSP response", e);
        }
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
