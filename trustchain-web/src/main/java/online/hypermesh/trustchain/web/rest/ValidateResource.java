package online.hypermesh.trustchain.web.rest;

import java.util.concurrent.Semaphore;

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
import jakarta.ws.rs.core.Response;

import online.hypermesh.trustchain.ca.api.CertificateValidation;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.web.problem.Problem;

/**
 * {@code POST /api/v1/validate} with a PEM chain: every relying-party check with its evidence.
 * Open to anyone, as a public verification service: it reads and changes nothing of the CA's.
 * Each validation fans out to the OCSP responder, the CT log and the mesh DNS, so at most
 * {@link #MAX_IN_FLIGHT} run at once on a node; one more is a 429 with Retry-After rather than a
 * queue that an anonymous client could grow without bound.
 */
@PermitAll
@Path("api/v1/validate")
public class ValidateResource {
    static final String PEM_CHAIN = "application/pem-certificate-chain";
    /** A chain of ten certificates is well under this; more is refused before parsing. */
    private static final int MAX_BODY = 64 * 1024;
    /** A verification takes a few ms of CPU and tens of ms of waiting: eight at once keep two cores busy. */
    static final int MAX_IN_FLIGHT = 8;
    private static final Semaphore IN_FLIGHT = new Semaphore(MAX_IN_FLIGHT);

    @EJB
    CertificateValidation validation;

    @POST
    @Consumes({PEM_CHAIN, MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Response validate(String pem) {
        if (pem == null || pem.isBlank()) {
            throw TrustChainException.malformed("the body is empty: send the PEM chain, leaf first (Content-Type: " + PEM_CHAIN + ")");
        }
        if (pem.length() > MAX_BODY) {
            throw TrustChainException.malformed("the body is over " + MAX_BODY + " characters; a chain is a leaf and a few issuers");
        }
        if (!IN_FLIGHT.tryAcquire()) {
            return Problem.tooManyRequests(MAX_IN_FLIGHT + " validations are already running on this node; retry in 1 s", 1);
        }
        CertificateValidation.Report r;
        try {
            r = validation.validate(pem);
        } finally {
            IN_FLIGHT.release();
        }
        JsonArrayBuilder checks = Json.createArrayBuilder();
        for (CertificateValidation.Check c : r.checks()) {
            checks.add(Json.createObjectBuilder().add("name", c.name()).add("outcome", c.outcome()).add("detail", c.detail())
                    .add("evidence", c.evidence()));
        }
        JsonObject body = Json.createObjectBuilder().add("valid", r.valid()).add("checks", checks).build();
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
