package online.hypermesh.trustchain.core.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

class RevocationReasonTest {

    @Test
    void codesFollowRfc5280SkippingSeven() {
        assertEquals(0, RevocationReason.UNSPECIFIED.code());
        assertEquals(1, RevocationReason.KEY_COMPROMISE.code());
        assertEquals(6, RevocationReason.CERTIFICATE_HOLD.code());
        assertEquals(8, RevocationReason.REMOVE_FROM_CRL.code());
        assertEquals(10, RevocationReason.AA_COMPROMISE.code());
        assertTrue(RevocationReason.fromCode(7).isEmpty());
    }

    @Test
    void fromApiNameRoundTripsEveryReason() {
        for (RevocationReason reason : RevocationReason.values()) {
            assertEquals(reason, RevocationReason.fromApiName(reason.apiName()));
        }
        assertEquals(RevocationReason.CA_COMPROMISE, RevocationReason.fromApiName("cACompromise"));
    }

    @Test
    void fromApiNameRejectsUnknownNamesAsMalformed() {
        TrustChainException e = assertThrows(TrustChainException.class, () -> RevocationReason.fromApiName("stolen"));
        assertEquals(ErrorKind.MALFORMED_REQUEST, e.kind());
        assertTrue(e.detail().contains("keyCompromise"), e.detail());
        assertThrows(TrustChainException.class, () -> RevocationReason.fromApiName("KEYCOMPROMISE"));
        assertThrows(TrustChainException.class, () -> RevocationReason.fromApiName(null));
    }

    @Test
    void onlyHoldIsTemporary() {
        assertFalse(RevocationReason.CERTIFICATE_HOLD.isFinal());
        assertTrue(RevocationReason.KEY_COMPROMISE.isFinal());
        assertTrue(RevocationReason.SUPERSEDED.isFinal());
        assertFalse(RevocationReason.REMOVE_FROM_CRL.isRequestable());
    }
}
