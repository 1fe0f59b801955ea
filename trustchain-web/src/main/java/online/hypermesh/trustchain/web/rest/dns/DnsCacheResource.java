package online.hypermesh.trustchain.web.rest.dns;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import online.hypermesh.trustchain.ca.api.DnsCacheView;
import online.hypermesh.trustchain.ca.api.DnsRecords;
import online.hypermesh.trustchain.web.security.CurrentCaller;

/**
 * {@code GET /api/v1/dns/cache}: the forwarding cache's hits, misses, hit ratio and size, for an
 * operator with an admin token, e.g. {@code {"forwarding": true, "upstreams": ["127.0.0.1#53"],
 * "hits": 90, "misses": 10, "ratio": 0.9, "size": 10}}.
 */
@RolesAllowed("admin")
@Path("api/v1/dns/cache")
public class DnsCacheResource {

    @EJB
    DnsRecords records;

    @Inject
    CurrentCaller caller;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public DnsCacheView get() {
        return records.cache(caller.get());
    }
}
