package online.hypermesh.trustchain.web.rest;

import java.time.Instant;
import java.util.List;

import online.hypermesh.trustchain.ca.api.IssuedCertificate;

/** 201 body of POST /api/v1/ca/certificates (API.md); names become snake_case on the wire. */
public record IssuanceResponse(String serialNumber, String certificate, List<String> chain, Instant notBefore,
                               Instant notAfter, String profile, String issuer) {
    static IssuanceResponse of(IssuedCertificate c) {
        return new IssuanceResponse(c.serialNumber(), c.certificatePem(), c.chainPem(), c.notBefore(), c.notAfter(), c.profile(), c.issuer());
    }
}
