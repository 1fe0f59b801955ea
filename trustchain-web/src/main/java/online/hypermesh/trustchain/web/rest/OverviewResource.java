package online.hypermesh.trustchain.web.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import online.hypermesh.trustchain.ca.api.MonitoringOverview;

/**
 * GET /api/v1/overview: the console's overview, read from the registry Prometheus scrapes on the
 * management port (issuance, refusals, revocations, CT tree and witnesses, DNS queries, CA and
 * OCSP responder expiry). This node's view: counters are totals since it started.
 */
@Path("api/v1/overview")
public class OverviewResource {
    @EJB
    MonitoringOverview overview;

    @RolesAllowed({"admin", "officer", "auditor"})
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public MonitoringOverview.Overview read() {
        return overview.read();
    }
}
