package online.hypermesh.trustchain.web.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import online.hypermesh.trustchain.ca.api.PublishedCrl;
import online.hypermesh.trustchain.ca.api.RevocationPublication;

/**
 * GET /crl/{id}.crl: the latest full CRL of an authority, DER, at the URL placed in the CRL
 * distribution points of what it issued (RFC 5280 4.2.1.13); GET /crl/{id}-delta.crl: its latest
 * delta CRL, the URL in the full CRL's Freshest CRL extension. Plain HTTP; caches may keep either
 * until its nextUpdate.
 */
@PermitAll
@Path("crl")
public class CrlPublication {
    @EJB
    RevocationPublication revocation;

    @GET
    @Path("{id: [A-Za-z0-9._-]+}.crl")
    @Produces("application/pkix-crl")
    public Response crl(@PathParam("id") String id) {
        return served(revocation.latestCrl(id));
    }

    /** More literal characters than the full CRL's template, so JAX-RS prefers it for "...-delta.crl". */
    @GET
    @Path("{id: [A-Za-z0-9._-]+}-delta.crl")
    @Produces("application/pkix-crl")
    public Response deltaCrl(@PathParam("id") String id) {
        return served(revocation.latestDeltaCrl(id));
    }

    private static Response served(PublishedCrl crl) {
        long maxAge = Math.max(0, Duration.between(Instant.now(), crl.nextUpdate()).toSeconds());
        return Response.ok(crl.der())
                .header("Cache-Control", "public, max-age=" + maxAge)
                .lastModified(Date.from(crl.thisUpdate()))
                .expires(Date.from(crl.nextUpdate()))
                .build();
    }
}
