package online.hypermesh.trustchain.web.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import online.hypermesh.trustchain.ca.api.AuthorityQueries;

/**
 * GET /ca/{id}.cer: the DER certificate of an authority, at the URL placed in the
 * caIssuers access description of what it issued (RFC 5280 4.2.2.1), served on plain HTTP.
 */
@PermitAll
@Path("ca")
public class CaCertificatePublication {
    @EJB
    AuthorityQueries authorities;

    @GET
    @Path("{id: [A-Za-z0-9._-]+}.cer")
    @Produces("application/pkix-cert")
    public Response certificate(@PathParam("id") String id) {
        return Response.ok(authorities.certificateDer(id)).header("Cache-Control", "public, max-age=3600").build();
    }
}
