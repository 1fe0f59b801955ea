package online.hypermesh.trustchain.web.rest;

import java.io.InputStream;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import online.hypermesh.trustchain.ca.api.Approvals;
import online.hypermesh.trustchain.ca.api.EmergencyControls;
import online.hypermesh.trustchain.ca.api.IssuanceSwitchView;
import online.hypermesh.trustchain.ca.api.RevokeAllResult;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.web.json.BoundedBody;
import online.hypermesh.trustchain.web.json.StrictJsonObject;
import online.hypermesh.trustchain.web.security.CurrentCaller;

/**
 * Emergency operations (API.md), which take the emergency token:
 * <ul>
 * <li>{@code POST /api/v1/ca/revoke-all} {@code {"issuer": "us-east-1-g1", "reason": "cACompromise"}}</li>
 * <li>{@code PUT /api/v1/ca/issuance} {@code {"enabled": false, "reason": "..."}}; {@code GET} shows the switch to any token</li>
 * </ul>
 */
@Path("api/v1/ca")
public class EmergencyResource {
    @EJB
    EmergencyControls emergency;

    /** revoke-all may wait for a second officer (trustchain.approvals.actions). */
    @EJB
    Approvals approvals;

    @Inject
    CurrentCaller caller;

    @RolesAllowed("emergency")
    @POST
    @Path("revoke-all")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response revokeAll(InputStream body) {
        StrictJsonObject json = StrictJsonObject.parse(BoundedBody.read(body), Set.of("issuer", "reason"),
                "{\"issuer\": \"us-east-1-g1\", \"reason\": \"cACompromise\"}");
        var who = caller.get();
        var pending = approvals.holdRevokeAll(json.string("issuer"), json.string("reason"), who);
        if (pending.isPresent()) {
            return ApprovalsResource.accepted(pending.get());
        }
        RevokeAllResult result = emergency.revokeAll(json.string("issuer"), json.string("reason"), who);
        return Response.ok(result).build();
    }

    @RolesAllowed({"admin", "officer", "issuer", "auditor", "emergency"})
    @GET
    @Path("issuance")
    @Produces(MediaType.APPLICATION_JSON)
    public IssuanceSwitchView issuanceSwitch() {
        return emergency.issuanceSwitch(caller.get());
    }

    @RolesAllowed("emergency")
    @PUT
    @Path("issuance")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public IssuanceSwitchView setIssuance(InputStream body) {
        StrictJsonObject json = StrictJsonObject.parse(BoundedBody.read(body), Set.of("enabled", "reason"),
                "{\"enabled\": false, \"reason\": \"key compromise suspected\"}");
        Boolean enabled = json.bool("enabled");
        if (enabled == null) {
            throw TrustChainException.malformed("field 'enabled' is required: true switches issuance on, false switches it off");
        }
        return emergency.setIssuance(enabled, json.string("reason"), caller.get());
    }
}
