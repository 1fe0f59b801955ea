package online.hypermesh.trustchain.web.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import online.hypermesh.trustchain.ca.api.AuditLog;
import online.hypermesh.trustchain.web.security.CurrentCaller;

/**
 * The audit trail (auditor or admin):
 * <ul>
 * <li>{@code GET /api/v1/audit?after=&limit=&action=&actor=&from=&to=} pages events in id order</li>
 * <li>{@code GET /api/v1/audit/export?from=&to=} the signed, self-contained bundle (text/plain)</li>
 * <li>{@code POST /api/v1/audit/checkpoints} signs the chain's head now; {@code GET /api/v1/audit/key} the audit key (PEM)</li>
 * <li>{@code GET /api/v1/audit/s3-verify} reads the S3 archive back and reports the first bad position (JSON)</li>
 * </ul>
 */
@RolesAllowed({"auditor", "admin"})
@Path("api/v1/audit")
public class AuditResource {
    @EJB
    AuditLog audit;

    @Inject
    CurrentCaller caller;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response page(@QueryParam("after") String after, @QueryParam("limit") String limit, @QueryParam("action") String action,
                         @QueryParam("actor") String actor, @QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("object") String object) {
        Integer afterId = QueryParams.integer("after", after);
        Integer max = QueryParams.integer("limit", limit);
        AuditLog.Page page = audit.page(new AuditLog.Query(afterId == null ? 0 : afterId, max == null ? 100 : max, blankToNull(action),
                blankToNull(actor), QueryParams.instant("from", from), QueryParams.instant("to", to), blankToNull(object)), caller.get());
        JsonArrayBuilder events = Json.createArrayBuilder();
        for (AuditLog.Event e : page.events()) {
            JsonObjectBuilder o = Json.createObjectBuilder().add("id", e.id());
            if (e.seq() == null) {
                o.addNull("seq");
            } else {
                o.add("seq", e.seq());
            }
            o.add("occurred_at", e.occurredAt().toString()).add("node", e.node()).add("actor", e.actor()).add("action", e.action())
                    .add("object_type", e.objectType());
            if (e.objectId() == null) {
                o.addNull("object_id");
            } else {
                o.add("object_id", e.objectId());
            }
            JsonObjectBuilder details = Json.createObjectBuilder();
            e.details().forEach(details::add);
            o.add("details", details);
            events.add(o);
        }
        JsonObjectBuilder body = Json.createObjectBuilder().add("events", events).add("unchained", page.unchained());
        if (!page.events().isEmpty()) {
            body.add("next", "/api/v1/audit?after=" + page.events().get(page.events().size() - 1).id());
        }
        return Response.ok(body.build().toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("export")
    @Produces(MediaType.TEXT_PLAIN)
    public Response export(@QueryParam("from") String from, @QueryParam("to") String to) {
        String bundle = audit.export(QueryParams.instant("from", from), QueryParams.instant("to", to), caller.get());
        return Response.ok(bundle, MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"trustchain-audit.bundle\"").build();
    }

    @POST
    @Path("checkpoints")
    @Produces(MediaType.APPLICATION_JSON)
    public AuditLog.CheckpointView checkpoint() {
        return audit.checkpoint(caller.get());
    }

    @GET
    @Path("key")
    @Produces("application/x-pem-file")
    public String key() {
        return audit.publicKeyPem(caller.get());
    }

    @GET
    @Path("s3-verify")
    @Produces(MediaType.APPLICATION_JSON)
    public AuditLog.ArchiveCheck verifyArchive() {
        return audit.verifyArchive(caller.get());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
