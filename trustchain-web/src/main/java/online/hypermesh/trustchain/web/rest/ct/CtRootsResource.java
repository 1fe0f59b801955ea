package online.hypermesh.trustchain.web.rest.ct;

import java.io.InputStream;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import online.hypermesh.trustchain.ca.api.CtAcceptedRoots;
import online.hypermesh.trustchain.web.json.BoundedBody;
import online.hypermesh.trustchain.web.security.CurrentCaller;

/**
 * The CT log's accepted roots on the REST API (port 8443, not the log's port):
 * <ul>
 * <li>{@code GET /api/v1/ct/roots}: {@code {"roots": [{"fingerprint", "subject", "source", "not_after", "added_at"}]}}, any token</li>
 * <li>{@code POST /api/v1/ct/roots}: a CA certificate as PEM or DER (any content type), admin token;
 *     201 with the root when added, 200 when it was already accepted, 400 problem+json naming what
 *     is wrong with it otherwise</li>
 * </ul>
 */
@Path("api/v1/ct/roots")
public class CtRootsResource {

    @EJB
    CtAcceptedRoots roots;

    @Inject
    CurrentCaller caller;

    /** The list's JSON shape. */
    public record RootList(List<CtAcceptedRoots.RootView> roots) {
    }

    @RolesAllowed({"admin", "officer", "issuer", "auditor", "emergency"})
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public RootList list() {
        return new RootList(roots.list(caller.get()));
    }

    @RolesAllowed("admin")
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response add(InputStream body) {
        CtAcceptedRoots.Addition addition = roots.add(BoundedBody.read(body), caller.get());
        return Response.status(addition.created() ? Response.Status.CREATED : Response.Status.OK).entity(addition.root()).build();
    }
}
