package online.hypermesh.trustchain.web.rest.dns;

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

import online.hypermesh.trustchain.ca.api.DnsUpdateKeyView;
import online.hypermesh.trustchain.ca.api.DnsUpdateKeys;
import online.hypermesh.trustchain.web.security.CurrentCaller;

/**
 * {@code POST /api/v1/accounts/{name}/dns-update-keys}: a TSIG key with which the account's ACME
 * clients place {@code _acme-challenge} TXT records in the mesh zone by RFC 2136 dynamic update
 * (certbot's rfc2136 plugin, nsupdate). The reply shows the secret once and is never cached.
 */
@RolesAllowed("admin")
@Path("api/v1/accounts/{name}/dns-update-keys")
public class DnsUpdateKeysResource {
    @EJB
    DnsUpdateKeys keys;

    @Inject
    CurrentCaller caller;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("name") String name) {
        DnsUpdateKeyView key = keys.create(name, caller.get());
        return Response.created(URI.create("/api/v1/accounts/" + name + "/dns-update-keys/" + key.name())).header("Cache-Control", "no-store")
                .entity(key).build();
    }
}
