package online.hypermesh.trustchain.web.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import online.hypermesh.trustchain.ca.api.CertificateValidation;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * {@code POST /api/v1/validate} with a PEM chain: every relying-party check with its evidence.
 * Open to anyone, as a public verification service: it reads and changes nothing of the CA's.
 */
@PermitAll
@Path("api/v1/validate")
public class ValidateResource {
    static final String PEM_CHAIN = "application/pem-certificate-chain";
    /** A chain of ten certificates is well under this; more is refused before parsing. */
    private static final int MAX_BODY = 64 * 1024;

    @EJB
    CertificateValidation validation;

    @POST
    @Consumes({PEM_CHAIN, MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject validate(String pem) {
        if (pem == null || pem.isBlank()) {
            throw TrustChainException.malformed("the body is empty: send the PEM chain, leaf first (Content-Type: " + PEM_CHAIN + ")");
        }
        if (pem.length() > MAX_BODY) {
            throw TrustChainException.malformed("the body is over " + MAX_BODY + " characters; a chain is a leaf and a few issuers");
        }
        CertificateValidation.Report r = validation.validate(pem);
        JsonArrayBuilder checks = Json.createArrayBuilder();
        for (CertificateValidation.Check c : r.checks()) {
            checks.add(Json.createObjectBuilder().add("name", c.name()).add("outcome", c.outcome()).add("detail", c.detail())
                    .add("evidence", c.evidence()));
        }
        return Json.createObjectBuilder().add("valid", r.valid()).add("checks", checks).build();
    }
}
