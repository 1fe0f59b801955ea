package online.hypermesh.trustchain.web.rest;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import online.hypermesh.trustchain.ca.api.ApprovalView;
import online.hypermesh.trustchain.ca.api.Approvals;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.web.json.BoundedBody;
import online.hypermesh.trustchain.web.json.StrictJsonObject;
import online.hypermesh.trustchain.web.security.CurrentCaller;

/**
 * Four-eyes approvals (README "Four-eyes approvals"):
 * <ul>
 * <li>{@code GET /api/v1/approvals?status=pending|approved|refused|failed|all} (default pending)</li>
 * <li>{@code GET /api/v1/approvals/{id}}</li>
 * <li>{@code POST /api/v1/approvals/{id}/approve}: carries the action out (not by its requester)</li>
 * <li>{@code POST /api/v1/approvals/{id}/refuse} {@code {"reason": "..."}}</li>
 * </ul>
 * The actions under four eyes answer 202 with the pending approval ({@link #accepted}).
 */
@Path("api/v1/approvals")
public class ApprovalsResource {
    @EJB
    Approvals approvals;

    @Inject
    CurrentCaller caller;

    public record ApprovalList(List<ApprovalView> approvals) {
    }

    /** The answer of a request that now waits for approval: 202, its location, the approval. */
    static Response accepted(ApprovalView pending) {
        return Response.accepted(pending).location(URI.create("/api/v1/approvals/" + pending.id())).type(MediaType.APPLICATION_JSON).build();
    }

    @RolesAllowed({"admin", "officer", "auditor"})
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ApprovalList list(@QueryParam("status") String status) {
        return new ApprovalList(approvals.list(status, caller.get()));
    }

    @RolesAllowed({"admin", "officer", "auditor"})
    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public ApprovalView show(@PathParam("id") String id) {
        return approvals.show(id(id), caller.get());
    }

    @RolesAllowed({"admin", "officer"})
    @POST
    @Path("{id}/approve")
    @Produces(MediaType.APPLICATION_JSON)
    public ApprovalView approve(@PathParam("id") String id) {
        return approvals.approve(id(id), caller.get());
    }

    @RolesAllowed({"admin", "officer"})
    @POST
    @Path("{id}/refuse")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ApprovalView refuse(@PathParam("id") String id, InputStream body) {
        long approval = id(id);
        StrictJsonObject json = StrictJsonObject.parse(BoundedBody.read(body), Set.of("reason"), "{\"reason\": \"not requested by the owner\"}");
        return approvals.refuse(approval, json.string("reason"), caller.get());
    }

    /** Ids are positive whole numbers; anything else names no approval. */
    private static long id(String text) {
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through to the same answer as an unknown id
        }
        throw TrustChainException.notFound("no approval '" + text + "'; approval ids are positive numbers");
    }
}
