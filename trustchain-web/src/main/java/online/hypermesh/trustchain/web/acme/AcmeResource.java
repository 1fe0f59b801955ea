package online.hypermesh.trustchain.web.acme;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import online.hypermesh.trustchain.ca.api.AcmeRenewalInfo;
import online.hypermesh.trustchain.ca.api.AcmeReply;
import online.hypermesh.trustchain.ca.api.AcmeService;
import online.hypermesh.trustchain.ca.api.AcmeService.Endpoint;

/**
 * ACME (RFC 8555) at {@code https://<host>:8443/acme/directory}. Open to anyone at this level:
 * each POST is a JWS that the CA verifies (nonce, URL, account key), and the caller for issuance
 * is the ACME account's bound TrustChain account, never anything this edge makes. The edge only
 * passes the request's URL base and body through and the reply back, problem documents included.
 * Plain HTTP is refused: RFC 8555 6.1 requires HTTPS.
 */
@PermitAll
@Path("acme")
public class AcmeResource {
    /** A finalize carries a CSR, the largest request: some kilobytes; this leaves room for RSA-8192 and 100 names. */
    private static final int MAX_BODY = 64 * 1024;

    @EJB
    AcmeService acme;

    @EJB
    AcmeRenewalInfo renewalInfo;

    @Context
    UriInfo uri;

    @Context
    SecurityContext security;

    @GET
    @Path("directory")
    public Response directory() {
        return https().orElse(() -> send(acme.directory(base())));
    }

    @HEAD
    @Path("new-nonce")
    public Response headNonce() {
        return https().orElse(() -> send(acme.newNonce(base(), true)));
    }

    @GET
    @Path("new-nonce")
    public Response getNonce() {
        return https().orElse(() -> send(acme.newNonce(base(), false)));
    }

    /** RFC 9773 4.3: a plain GET, no JWS, no nonce. */
    @GET
    @Path("renewal-info/{certId}")
    public Response renewalInfo(@PathParam("certId") String certId) {
        return https().orElse(() -> send(renewalInfo.renewalInfo(base(), certId)));
    }

    @POST
    @Path("new-account")
    @Consumes("*/*")
    public Response newAccount(@HeaderParam("Content-Type") String type, InputStream body) {
        return post(Endpoint.NEW_ACCOUNT, null, type, body);
    }

    @POST
    @Path("new-order")
    @Consumes("*/*")
    public Response newOrder(@HeaderParam("Content-Type") String type, InputStream body) {
        return post(Endpoint.NEW_ORDER, null, type, body);
    }

    @POST
    @Path("revoke-cert")
    @Consumes("*/*")
    public Response revokeCert(@HeaderParam("Content-Type") String type, InputStream body) {
        return post(Endpoint.REVOKE_CERT, null, type, body);
    }

    @POST
    @Path("key-change")
    @Consumes("*/*")
    public Response keyChange(@HeaderParam("Content-Type") String type, InputStream body) {
        return post(Endpoint.KEY_CHANGE, null, type, body);
    }

    @POST
    @Path("acct/{id}")
    @Consumes("*/*")
    public Response account(@PathParam("id") String id, @HeaderParam("Content-Type") String type, InputStream body) {
        return post(Endpoint.ACCOUNT, id, type, body);
    }

    @POST
    @Path("acct/{id}/orders")
    @Consumes("*/*")
    public Response orders(@PathParam("id") String id, @HeaderParam("Content-Type") String type, InputStream body) {
        return post(Endpoint.ACCOUNT_ORDERS, id, type, body);
    }

    @POST
    @Path("order/{id}")
    @Consumes("*/*")
    public Response order(@PathParam("id") String id, @HeaderParam("Content-Type") String type, InputStream body) {
        return post(Endpoint.ORDER, id, type, body);
    }

    @POST
    @Path("order/{id}/finalize")
    @Consumes("*/*")
    public Response finalizeOrder(@PathParam("id") String id, @HeaderParam("Content-Type") String type, InputStream body) {
        return post(Endpoint.FINALIZE, id, type, body);
    }

    @POST
    @Path("authz/{id}")
    @Consumes("*/*")
    public Response authorization(@PathParam("id") String id, @HeaderParam("Content-Type") String type, InputStream body) {
        return post(Endpoint.AUTHORIZATION, id, type, body);
    }

    @POST
    @Path("chall/{id}")
    @Consumes("*/*")
    public Response challenge(@PathParam("id") String id, @HeaderParam("Content-Type") String type, InputStream body) {
        return post(Endpoint.CHALLENGE, id, type, body);
    }

    @POST
    @Path("cert/{id}")
    @Consumes("*/*")
    public Response certificate(@PathParam("id") String id, @HeaderParam("Content-Type") String type, InputStream body) {
        return post(Endpoint.CERTIFICATE, id, type, body);
    }

    /** An alternate chain of the certificate (RFC 8555 7.4.2), linked from the certificate's reply. */
    @POST
    @Path("cert/{id}/{alternate}")
    @Consumes("*/*")
    public Response alternateChain(@PathParam("id") String id, @PathParam("alternate") String alternate, @HeaderParam("Content-Type") String type,
                                   InputStream body) {
        return post(Endpoint.CERTIFICATE, id + "/" + alternate, type, body);
    }

    private Response post(Endpoint endpoint, String id, String type, InputStream body) {
        return https().orElse(() -> {
            String text;
            try {
                byte[] bytes = body.readNBytes(MAX_BODY + 1);
                if (bytes.length > MAX_BODY) {
                    return problem(413, "malformed", "an ACME request is at most " + MAX_BODY + " bytes");
                }
                text = new String(bytes, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return problem(400, "malformed", "the request body could not be read: " + e.getMessage());
            }
            return send(acme.post(endpoint, id, base(), type, text));
        });
    }

    /** https://host:port/acme/ as the client addressed it: the URLs its JWS must name. */
    private String base() {
        return uri.getBaseUriBuilder().path("acme/").build().toString();
    }

    /** A refusal of plain HTTP, or nothing. */
    private Refusal https() {
        return new Refusal(security.isSecure() ? null
                : problem(403, "unauthorized", "ACME is served over HTTPS only (RFC 8555 6.1): https://<host>:8443/acme/directory"));
    }

    /** The reply to send instead, if there is one. */
    private record Refusal(Response response) {
        Response orElse(Supplier<Response> then) {
            return response != null ? response : then.get();
        }
    }

    private static Response problem(int status, String type, String detail) {
        String json = "{\"type\":\"urn:ietf:params:acme:error:" + type + "\",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\",\"status\":" + status + "}";
        return Response.status(status).type("application/problem+json").entity(json).build();
    }

    private static Response send(AcmeReply reply) {
        Response.ResponseBuilder b = Response.status(reply.status());
        if (reply.body() != null) {
            b.entity(reply.body()).type(reply.contentType());
        }
        for (Map.Entry<String, List<String>> h : reply.headers().entrySet()) {
            for (String value : h.getValue()) {
                b.header(h.getKey(), value);
            }
        }
        return b.build();
    }
}
