package online.hypermesh.trustchain.web.rest.anchor;

import java.io.InputStream;
import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import online.hypermesh.trustchain.ca.api.CrossCertificates;
import online.hypermesh.trustchain.ca.api.TrustAnchors;
import online.hypermesh.trustchain.web.json.BoundedBody;
import online.hypermesh.trustchain.web.json.TrustAnchorRequestParser;
import online.hypermesh.trustchain.web.security.CurrentCaller;

/**
 * Cross-certification with an imported trust anchor (admin only; a second approver is to come):
 * <ul>
 * <li>{@code POST /api/v1/cross-certificates} with {@code {"trust_anchor", "path_length"?, "permitted_subtrees"?}}:
 *     this CA's root certifies the anchor's root; 201 JSON, or the PEM certificate with
 *     {@code Accept: application/pem-certificate-chain}</li>
 * <li>{@code POST /api/v1/cross-certificate-request}: a PKCS#10 request for this CA's root key, signed by it (PEM)</li>
 * </ul>
 */
@Path("api/v1")
public class CrossCertificatesResource {
    static final String PKCS10 = "application/pkcs10";

    @EJB
    CrossCertificates crossCertificates;

    @Inject
    CurrentCaller caller;

    @RolesAllowed("admin")
    @POST
    @Path("cross-certificates")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, TrustAnchorsResource.PEM_CHAIN})
    public Response issue(@HeaderParam(HttpHeaders.ACCEPT) String accept, InputStream body) {
        TrustAnchorRequestParser.CrossIssue r = TrustAnchorRequestParser.cross(BoundedBody.read(body));
        TrustAnchors.CrossCertificateView issued = crossCertificates.issue(r.trustAnchor(), r.pathLength(), r.permittedSubtrees(), caller.get());
        Response.ResponseBuilder created = Response.created(URI.create("/api/v1/ca/certificates/" + issued.serialNumber()));
        // JSON unless the PEM is asked for by name (a plain curl sends */*).
        if (accept != null && accept.contains(TrustAnchorsResource.PEM_CHAIN)) {
            return created.entity(issued.certificate()).type(TrustAnchorsResource.PEM_CHAIN).build();
        }
        return created.entity(issued).type(MediaType.APPLICATION_JSON).build();
    }

    @RolesAllowed("admin")
    @POST
    @Path("cross-certificate-request")
    @Produces(PKCS10)
    public Response request() {
        return Response.ok(crossCertificates.certificationRequest(caller.get()), PKCS10).build();
    }
}
