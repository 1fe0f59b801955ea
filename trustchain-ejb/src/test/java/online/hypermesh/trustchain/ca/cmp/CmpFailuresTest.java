package online.hypermesh.trustchain.ca.cmp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/** The CA's refusals in CMP's terms: the failure bit a CMP client acts on, and the CA's own text. */
class CmpFailuresTest {

    @Test
    void aNameOutsideTheScopes_isNotAuthorized_withTheReason() {
        var f = CmpFailures.of(new TrustChainException(ErrorKind.FORBIDDEN, "'x.example' is outside the scopes of account 'a'"), PKIBody.TYPE_INIT_REQ);
        assertEquals(PKIFailureInfo.notAuthorized, f.failInfo());
        assertEquals("'x.example' is outside the scopes of account 'a'", f.text());
    }

    @Test
    void badNamesKeysAndValidity_areBadCertTemplate_aBadSignatureIsBadPop() {
        assertEquals(PKIFailureInfo.badCertTemplate, CmpFailures.of(TrustChainException.badName("no name"), PKIBody.TYPE_CERT_REQ).failInfo());
        assertEquals(PKIFailureInfo.badCertTemplate, CmpFailures.of(TrustChainException.policy("too long"), PKIBody.TYPE_CERT_REQ).failInfo());
        assertEquals(PKIFailureInfo.badCertTemplate,
                CmpFailures.of(new TrustChainException(ErrorKind.UNSUPPORTED_KEY, "RSA-1024"), PKIBody.TYPE_CERT_REQ).failInfo());
        assertEquals(PKIFailureInfo.badPOP,
                CmpFailures.of(new TrustChainException(ErrorKind.BAD_CSR_SIGNATURE, "bad"), PKIBody.TYPE_P10_CERT_REQ).failInfo());
    }

    @Test
    void aConflict_isCertRevokedForRr_andBadRequestOtherwise() {
        TrustChainException conflict = new TrustChainException(ErrorKind.CONFLICT, "already revoked");
        assertEquals(PKIFailureInfo.certRevoked, CmpFailures.of(conflict, PKIBody.TYPE_REVOCATION_REQ).failInfo());
        assertEquals(PKIFailureInfo.badRequest, CmpFailures.of(conflict, PKIBody.TYPE_KEY_UPDATE_REQ).failInfo());
    }

    @Test
    void outagesAndBugs_areSystemUnavailAndSystemFailure() {
        assertEquals(PKIFailureInfo.systemUnavail,
                CmpFailures.of(new TrustChainException(ErrorKind.UNAVAILABLE, "down"), PKIBody.TYPE_INIT_REQ).failInfo());
        assertEquals(PKIFailureInfo.systemFailure, CmpFailures.of(TrustChainException.internal("bug", null), PKIBody.TYPE_INIT_REQ).failInfo());
        assertEquals(PKIFailureInfo.badCertId, CmpFailures.of(TrustChainException.notFound("no such serial"), PKIBody.TYPE_REVOCATION_REQ).failInfo());
    }
}
