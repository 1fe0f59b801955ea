package online.hypermesh.trustchain.web.cmp;

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

import online.hypermesh.trustchain.ca.api.CmpSecretView;
import online.hypermesh.trustchain.ca.api.CmpSecrets;
import online.hypermesh.trustchain.web.security.CurrentCaller;

/**
 * {@code POST /api/v1/accounts/{name}/cmp-secrets}: a shared secret for a CMP client, which then
 * enrolls within the account's scopes. The reply shows the secret once. A class of its own beside
 * AccountsResource, like the ACME EAB keys.
 */
@RolesAllowed("admin")
@Path("api/v1/accounts/{name}/cmp-secrets")
public class CmpSecretsResource {
    @EJB
    CmpSecrets secrets;

    @Inject
    CurrentCaller caller;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("name") String name) {
        CmpSecretView secret = secrets.create(name, caller.get());
        return Response.created(URI.create("/api/v1/accounts/" + name + "/cmp-secrets/" + secret.reference()))
                .header("Cache-Control", "no-store").entity(secret).build();
    }
}
