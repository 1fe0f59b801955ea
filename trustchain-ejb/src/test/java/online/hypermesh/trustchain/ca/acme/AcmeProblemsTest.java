package online.hypermesh.trustchain.ca.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.bridge.acme.AcmeProblem;
import online.hypermesh.trustchain.bridge.acme.AcmeProblem.Type;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/** The registration authority's refusals (its real details) under the ACME types clients act on. */
class AcmeProblemsTest {
    private static Type issuance(ErrorKind kind, String detail) {
        return AcmeProblems.ofIssuance(new TrustChainException(kind, detail)).type();
    }

    @Test
    void registrationRefusals_becomeTheirAcmeTypes() {
        assertEquals(Type.REJECTED_IDENTIFIER, issuance(ErrorKind.FORBIDDEN, "'x.example' is outside the scopes of account 'web'; ..."));
        assertEquals(Type.REJECTED_IDENTIFIER, issuance(ErrorKind.FORBIDDEN, "'a.b' is on this CA's list of names it never issues for (b)"));
        assertEquals(Type.REJECTED_IDENTIFIER, issuance(ErrorKind.FORBIDDEN, "'trust.hypermesh.online' is a name of the CA itself; only ..."));
        assertEquals(Type.CAA, issuance(ErrorKind.FORBIDDEN, "CAA forbids issuing for 'legacy.hypermesh.online': ..."));
        assertEquals(Type.UNAUTHORIZED, issuance(ErrorKind.FORBIDDEN, "account 'web' may not be issued profile 'server'; its profiles: []"));
        assertEquals(Type.BAD_CSR, issuance(ErrorKind.UNSUPPORTED_KEY, "RSA keys of 1024 bits are not certified"));
        assertEquals(Type.BAD_CSR, issuance(ErrorKind.BAD_CSR_SIGNATURE, "the CSR signature does not verify"));
        AcmeProblem unavailable = AcmeProblems.ofIssuance(new TrustChainException(ErrorKind.UNAVAILABLE, "issuance is switched off"));
        assertEquals(Type.SERVER_INTERNAL, unavailable.type());
        assertEquals(503, unavailable.status());
    }

    @Test
    void revocationRefusals_becomeTheirAcmeTypes() {
        assertEquals(Type.ALREADY_REVOKED, AcmeProblems.ofRevocation(new TrustChainException(ErrorKind.CONFLICT, "already revoked")).type());
        assertEquals(Type.BAD_REVOCATION_REASON, AcmeProblems.ofRevocation(TrustChainException.malformed("unknown revocation reason")).type());
        assertEquals(404, AcmeProblems.ofRevocation(TrustChainException.notFound("no certificate")).status());
    }
}
