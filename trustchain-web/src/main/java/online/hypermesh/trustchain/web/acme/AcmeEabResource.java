package online.hypermesh.trustchain.web.acme;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import online.hypermesh.trustchain.ca.api.AcmeService;
import online.hypermesh.trustchain.ca.api.EabKeyView;
import online.hypermesh.trustchain.web.security.CurrentCaller;

/**
 * {@code POST /api/v1/accounts/{name}/acme-eab}: an external account binding key for an ACME
 * client, which then orders within the account's scopes. The reply shows the HMAC key once.
 * A class of its own beside AccountsResource so that the two change independently.
 */
@RolesAllowed("admin")
@Path("api/v1/accounts/{name}/acme-eab")
public class AcmeEabResource {
    @EJB
    AcmeService acme;

    @Inject
    CurrentCaller caller;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("name") String name) {
        EabKeyView key = acme.createEabKey(name, caller.get());
        return Response.created(URI.create("/api/v1/accounts/" + name + "/acme-eab/" + key.kid())).header("Cache-Control", "no-store")
                .entity(key).build();
    }
}
