package online.hypermesh.trustchain.web.rest;

import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import online.hypermesh.trustchain.ca.api.HealthReport;
import online.hypermesh.trustchain.ca.api.HealthService;

/** GET /health: 200 {"status":"UP","checks":{...}}, or 503 naming the failing check. */
@PermitAll
@Path("health")
public class HealthResource {
    @EJB
    HealthService health;

    public record HealthBody(String status, Map<String, String> checks) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        HealthReport report = health.check();
        return Response.status(report.up() ? 200 : 503)
                .header("Cache-Control", "no-store")
                .entity(new HealthBody(report.up() ? "UP" : "DOWN", report.checks())).build();
    }
}
