package online.hypermesh.trustchain.web.scep;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import online.hypermesh.trustchain.ca.api.ScepService;
import online.hypermesh.trustchain.web.security.CurrentCaller;

/**
 * {@code POST /api/v1/accounts/{name}/scep-challenges}: a one-time SCEP challenge password for
 * the account, shown once ({@code {"challenge", "account", "expires_at"}}), its SHA-256 stored.
 */
@RolesAllowed("admin")
@Path("api/v1/accounts/{name}/scep-challenges")
public class ScepChallengeResource {
    @EJB
    ScepService scep;

    @Inject
    CurrentCaller caller;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("name") String name) {
        return Response.status(201).header("Cache-Control", "no-store").entity(scep.createChallenge(name, caller.get())).build();
    }
}
