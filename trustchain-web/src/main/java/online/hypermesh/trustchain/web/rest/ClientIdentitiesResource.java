package online.hypermesh.trustchain.web.rest;

import java.io.InputStream;
import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import online.hypermesh.trustchain.ca.api.ClientIdentities;
import online.hypermesh.trustchain.ca.api.ClientIdentityView;
import online.hypermesh.trustchain.web.json.AccountRequestParser;
import online.hypermesh.trustchain.web.json.BoundedBody;
import online.hypermesh.trustchain.web.security.CurrentCaller;

/**
 * The identifiers whose TLS client certificates authenticate as an account (admin; auditors may read):
 * <ul>
 * <li>{@code POST /api/v1/accounts/{name}/client-identities} with {@code {"identifier": "spiffe://..."}} binds one (201)</li>
 * <li>{@code GET} lists them, removed ones included; {@code DELETE .../client-identities/{id}} removes one</li>
 * </ul>
 */
@RolesAllowed("admin")
@Path("api/v1/accounts/{name}/client-identities")
public class ClientIdentitiesResource {
    @EJB
    ClientIdentities identities;

    @Inject
    CurrentCaller caller;

    public record ClientIdentityList(String account, List<ClientIdentityView> identities) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response bind(@PathParam("name") String name, InputStream body) {
        var who = caller.get();
        ClientIdentityView bound = identities.bind(name, AccountRequestParser.clientIdentity(BoundedBody.read(body)), who);
        return Response.created(URI.create("/api/v1/accounts/" + name + "/client-identities/" + bound.id())).entity(bound).build();
    }

    @RolesAllowed({"admin", "auditor"})
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ClientIdentityList list(@PathParam("name") String name) {
        return new ClientIdentityList(name, identities.list(name, caller.get()));
    }

    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public ClientIdentityView remove(@PathParam("name") String name, @PathParam("id") long id) {
        return identities.remove(name, id, caller.get());
    }
}
