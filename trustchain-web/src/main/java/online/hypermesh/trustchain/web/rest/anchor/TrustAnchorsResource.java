package online.hypermesh.trustchain.web.rest.anchor;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import online.hypermesh.trustchain.ca.api.CrossCertificates;
import online.hypermesh.trustchain.ca.api.TrustAnchors;
import online.hypermesh.trustchain.web.json.BoundedBody;
import online.hypermesh.trustchain.web.json.TrustAnchorRequestParser;
import online.hypermesh.trustchain.web.security.CurrentCaller;

/**
 * Trust anchors: an enterprise CA's root and intermediates (admin; auditors may read).
 * <ul>
 * <li>{@code POST /api/v1/trust-anchors}: JSON {@code {"name"?, "pem", "purposes": [...]}}, or the PEM bundle itself
 *     ({@code application/pem-certificate-chain}) with {@code ?purposes=ct,cross-certification&name=...}; 201</li>
 * <li>{@code GET /api/v1/trust-anchors}, {@code GET .../{id}}; {@code DELETE .../{id}} deactivates</li>
 * <li>{@code POST .../{id}/cross-certificate}: the cross certificate the enterprise CA issued for this CA's root (PEM or DER); 201</li>
 * </ul>
 */
@Path("api/v1/trust-anchors")
public class TrustAnchorsResource {
    static final String PEM_CHAIN = "application/pem-certificate-chain";

    @EJB
    TrustAnchors anchors;

    @EJB
    CrossCertificates crossCertificates;

    @Inject
    CurrentCaller caller;

    public record TrustAnchorList(List<TrustAnchors.TrustAnchorView> trustAnchors) {
    }

    @RolesAllowed("admin")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response importJson(InputStream body) {
        TrustAnchorRequestParser.AnchorImport r = TrustAnchorRequestParser.anchor(BoundedBody.read(body));
        return created(anchors.importAnchor(r.name(), r.pem(), r.purposes(), caller.get()));
    }

    @RolesAllowed("admin")
    @POST
    @Consumes({PEM_CHAIN, "application/x-pem-file", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Response importPem(@QueryParam("purposes") String purposes, @QueryParam("name") String name, InputStream body) {
        String pem = new String(BoundedBody.read(body), StandardCharsets.US_ASCII);
        return created(anchors.importAnchor(name, pem, TrustAnchorRequestParser.purposes(purposes), caller.get()));
    }

    @RolesAllowed({"admin", "auditor"})
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public TrustAnchorList list() {
        return new TrustAnchorList(anchors.list(caller.get()));
    }

    @RolesAllowed({"admin", "auditor"})
    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public TrustAnchors.TrustAnchorView get(@PathParam("id") long id) {
        return anchors.get(id, caller.get());
    }

    @RolesAllowed("admin")
    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public TrustAnchors.TrustAnchorView deactivate(@PathParam("id") long id) {
        return anchors.deactivate(id, caller.get());
    }

    @RolesAllowed("admin")
    @POST
    @Path("{id}/cross-certificate")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response importCrossCertificate(@PathParam("id") long id, InputStream body) {
        TrustAnchors.CrossCertificateView stored = crossCertificates.importReceived(id, BoundedBody.read(body), caller.get());
        return Response.created(URI.create("/api/v1/trust-anchors/" + id)).entity(stored).build();
    }

    private static Response created(TrustAnchors.TrustAnchorView view) {
        return Response.created(URI.create("/api/v1/trust-anchors/" + view.id())).entity(view).build();
    }
}
