package online.hypermesh.trustchain.ca.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.revocation.OcspResponder;

class RevocationPublicationTest {

    /** The edge cuts a body off at the api's cap: a smaller cap would refuse requests the responder answers. */
    @Test
    void ocspRequestCap_isTheRespondersOwnLimit() {
        assertEquals(OcspResponder.MAX_REQUEST_BYTES, RevocationPublication.MAX_OCSP_REQUEST_BYTES);
    }
}
