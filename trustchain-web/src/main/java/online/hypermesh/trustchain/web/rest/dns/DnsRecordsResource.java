package online.hypermesh.trustchain.web.rest.dns;

import java.io.InputStream;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import online.hypermesh.trustchain.ca.api.DnsRecordView;
import online.hypermesh.trustchain.ca.api.DnsRecords;
import online.hypermesh.trustchain.web.json.BoundedBody;
import online.hypermesh.trustchain.web.json.DnsRecordsRequestParser;
import online.hypermesh.trustchain.web.security.CurrentCaller;

/**
 * The mesh zone's AAAA records: {@code GET /api/v1/dns/records}, {@code PUT} and {@code DELETE
 * /api/v1/dns/records/{name}} with {@code {"aaaa": ["2001:db8::1"]}}. A name is relative to the
 * zone ({@code web}), fully qualified ({@code web.hypermesh.online}) or {@code @} for the apex.
 * DNS answers the change as soon as it is committed.
 */
@Path("api/v1/dns/records")
public class DnsRecordsResource {
    @EJB
    DnsRecords records;

    @Inject
    CurrentCaller caller;

    /** {"zone": "hypermesh.online.", "records": [{"name": "trust.hypermesh.online.", "aaaa": ["::1"]}]} */
    public record ZoneView(String zone, List<DnsRecordView> records) {
    }

    @RolesAllowed({"admin", "officer", "issuer", "auditor", "emergency"})
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ZoneView list() {
        return new ZoneView(records.zone(), records.list(caller.get()));
    }

    @RolesAllowed({"admin", "issuer"})
    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public DnsRecordView put(@PathParam("name") String name, InputStream body) {
        var who = caller.get();
        return records.put(name, DnsRecordsRequestParser.aaaa(BoundedBody.read(body)), who);
    }

    @RolesAllowed({"admin", "issuer"})
    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        records.delete(name, caller.get());
        return Response.noContent().build();
    }
}
