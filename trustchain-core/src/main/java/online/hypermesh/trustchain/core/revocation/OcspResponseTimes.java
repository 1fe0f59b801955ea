package online.hypermesh.trustchain.core.revocation;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;
import org.bouncycastle.asn1.ocsp.ResponseBytes;
import org.bouncycastle.asn1.ocsp.ResponseData;
import org.bouncycastle.asn1.ocsp.SingleResponse;

/**
 * thisUpdate and nextUpdate of an OCSP response that anyone may keep until its nextUpdate (RFC
 * 5019 section 6): successful, one SingleResponse saying good or revoked, no nonce (an answer
 * bound to one request's nonce is of no use to anyone else), and a nextUpdate to expire at.
 */
public record OcspResponseTimes(Instant thisUpdate, Instant nextUpdate) {

    /**
     * The times of {@code responseDer} if it is such a response and, when {@code certId} is not
     * null, its SingleResponse is about exactly that CertID (DER); empty otherwise, also for bytes
     * that are not an OCSP response.
     */
    public static Optional<OcspResponseTimes> cacheable(byte[] responseDer, byte[] certId) {
        try {
            OCSPResponse response = OCSPResponse.getInstance(ASN1Primitive.fromByteArray(responseDer));
            ResponseBytes bytes = response.getResponseBytes();
            if (response.getResponseStatus().getIntValue() != OCSPResponseStatus.SUCCESSFUL || bytes == null
                    || !OCSPObjectIdentifiers.id_pkix_ocsp_basic.equals(bytes.getResponseType())) {
                return Optional.empty();
            }
            ResponseData data = BasicOCSPResponse.getInstance(ASN1Primitive.fromByteArray(bytes.getResponse().getOctets())).getTbsResponseData();
            if (data.getResponseExtensions() != null || data.getResponses().size() != 1) {
                return Optional.empty();
            }
            SingleResponse single = SingleResponse.getInstance(data.getResponses().getObjectAt(0));
            int status = single.getCertStatus().getTagNo(); // good [0], revoked [1], unknown [2]
            if (status > 1 || single.getNextUpdate() == null
                    || (certId != null && !Arrays.equals(single.getCertID().getEncoded(), certId))) {
                return Optional.empty();
            }
            return Optional.of(new OcspResponseTimes(single.getThisUpdate().getDate().toInstant(),
                    single.getNextUpdate().getDate().toInstant()));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
