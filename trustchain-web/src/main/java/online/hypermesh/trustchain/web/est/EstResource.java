package online.hypermesh.trustchain.web.est;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import online.hypermesh.trustchain.ca.api.Authenticator;
import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.EstService;
import online.hypermesh.trustchain.ca.api.RequestLimits;
import online.hypermesh.trustchain.core.error.DependencyUnavailableException;
import online.hypermesh.trustchain.core.error.ErrorClassifier;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.web.json.BoundedBody;
import online.hypermesh.trustchain.web.problem.TrustChainExceptionMapper;

/**
 * EST (RFC 7030) at {@code https://<host>:8443/.well-known/est/[<label>/]<operation>}: cacerts and
 * csrattrs for anyone; simpleenroll with HTTP Basic (account name and one of its tokens) or a TLS
 * client certificate bound to an account; simplereenroll and serverkeygen with the TLS client
 * certificate only (the certificate being renewed; a private key only to a client that proved
 * itself in the handshake). The label is a profile. Every refusal is text/plain with its status
 * (RFC 7030 4.2.3), 401 with {@code WWW-Authenticate: Basic realm="trustchain-est"} (and no body when
 * the request sent no credential at all: the plain challenge).
 */
@PermitAll
@Path(".well-known/est")
public class EstResource {
    private static final String CONTENT_TRANSFER_ENCODING = "Content-Transfer-Encoding";
    private static final String BASIC_CHALLENGE = "Basic realm=\"" + EstCredentials.REALM + "\"";

    @EJB
    EstService est;

    @EJB
    Authenticator authenticator;

    @EJB
    RequestLimits limits;

    @Context
    HttpServletRequest servletRequest;

    @Context
    SecurityContext security;

    @GET
    @Path("cacerts")
    public Response caCertificates() {
        return caCertificates(null);
    }

    @GET
    @Path("{label}/cacerts")
    public Response caCertificates(@PathParam("label") String label) {
        return answer(() -> est.caCertificates(label));
    }

    @GET
    @Path("csrattrs")
    public Response csrAttributes() {
        return csrAttributes(null);
    }

    @GET
    @Path("{label}/csrattrs")
    public Response csrAttributes(@PathParam("label") String label) {
        return answer(() -> est.csrAttributes(label));
    }

    @POST
    @Path("simpleenroll")
    public Response simpleEnroll(InputStream body) {
        return simpleEnroll(null, body);
    }

    @POST
    @Path("{label}/simpleenroll")
    public Response simpleEnroll(@PathParam("label") String label, InputStream body) {
        return answer(() -> {
            Caller caller = admitted(EstCredentials.basicOrCertificate(authenticator, servletRequest));
            return est.simpleEnroll(label, pkcs10(body), caller);
        });
    }

    @POST
    @Path("simplereenroll")
    public Response simpleReenroll(InputStream body) {
        return simpleReenroll(null, body);
    }

    @POST
    @Path("{label}/simplereenroll")
    public Response simpleReenroll(@PathParam("label") String label, InputStream body) {
        return answer(() -> {
            Caller caller = admitted(EstCredentials.holder(authenticator, servletRequest,
                    "simplereenroll is authenticated by the certificate it renews: present it as the TLS client certificate"));
            return est.simpleReenroll(label, pkcs10(body), EstCredentials.clientCertificate(servletRequest), caller);
        });
    }

    @POST
    @Path("serverkeygen")
    public Response serverKeyGen(InputStream body) {
        return serverKeyGen(null, body);
    }

    @POST
    @Path("{label}/serverkeygen")
    public Response serverKeyGen(@PathParam("label") String label, InputStream body) {
        return answer(() -> {
            Caller caller = admitted(EstCredentials.certificate(authenticator, servletRequest,
                    "serverkeygen hands out a private key, so only to a TLS client certificate bound to an account"));
            return est.serverKeyGen(label, pkcs10(body), caller);
        });
    }

    /** Any other operation (fullcmc among them: RFC 7030 4.3 lets a server without it answer 404), in EST's own error form. */
    @GET
    @Path("{operation}")
    public Response unknownGet(@PathParam("operation") String operation) {
        return unknown(null, operation);
    }

    @POST
    @Path("{operation}")
    public Response unknownPost(@PathParam("operation") String operation) {
        return unknown(null, operation);
    }

    @GET
    @Path("{label}/{operation}")
    public Response unknownGet(@PathParam("label") String label, @PathParam("operation") String operation) {
        return unknown(label, operation);
    }

    @POST
    @Path("{label}/{operation}")
    public Response unknownPost(@PathParam("label") String label, @PathParam("operation") String operation) {
        return unknown(label, operation);
    }

    private Response unknown(String label, String operation) {
        return answer(() -> {
            throw TrustChainException.notFound("no EST operation '" + operation + "'" + (label == null ? "" : " under label '" + label + "'")
                    + "; this server has cacerts, csrattrs, simpleenroll, simplereenroll and serverkeygen (not fullcmc)");
        });
    }

    /** RFC 7030 4.2.1: the request is application/pkcs10; anything else is 415 before the body is read. */
    private byte[] pkcs10(InputStream body) {
        String type = servletRequest.getContentType();
        String bare = type == null ? "" : type.split(";", 2)[0].trim();
        if (!bare.equalsIgnoreCase("application/pkcs10")) {
            throw new UnsupportedType(type);
        }
        return BoundedBody.read(body);
    }

    private Caller admitted(Caller caller) {
        long retryAfter = limits.admit(caller);
        if (retryAfter > 0) {
            throw new RateLimited(caller.name(), retryAfter);
        }
        return caller;
    }

    private Response answer(Supplier<EstService.Reply> work) {
        if (!security.isSecure()) {
            return text(403, "EST is served over HTTPS only (RFC 7030 3.3); use https://<host>:8443/.well-known/est/");
        }
        try {
            EstService.Reply reply = work.get();
            if (reply.retryAfterSeconds() != null) {
                // RFC 7030 4.2.3: accepted, not issued yet; the client sends the same request after Retry-After.
                return Response.status(202).type(reply.contentType()).entity(reply.body()).header("Retry-After", reply.retryAfterSeconds()).build();
            }
            return Response.ok(reply.body(), reply.contentType()).header(CONTENT_TRANSFER_ENCODING,
                    reply.contentType().startsWith("multipart/") ? null : "base64").build();
        } catch (EstCredentials.NoCredentials e) {
            return Response.status(401).header("WWW-Authenticate", BASIC_CHALLENGE).build();
        } catch (UnsupportedType e) {
            return text(415, "send the request as Content-Type: application/pkcs10 (base64 DER), not '" + e.getMessage() + "'");
        } catch (RateLimited e) {
            return Response.fromResponse(text(429, "account '" + e.getMessage() + "' made more requests than its limit per minute; retry in "
                    + e.retryAfter + " s")).header("Retry-After", e.retryAfter).build();
        } catch (RuntimeException e) {
            TrustChainException known = ErrorClassifier.classify(e).orElseThrow(() -> e);
            return refusal(known);
        }
    }

    private static Response refusal(TrustChainException e) {
        if (e instanceof DependencyUnavailableException outage) {
            return Response.fromResponse(text(503, e.detail())).header("Retry-After", outage.retryAfterSeconds()).build();
        }
        int status = TrustChainExceptionMapper.status(e.kind());
        if (status == 503) {
            // The issuance switch is off, or a CT log or CAA resolver is not answering: retry later.
            return Response.fromResponse(text(503, e.detail())).header("Retry-After", DependencyUnavailableException.RETRY_AFTER_SECONDS).build();
        }
        if (status >= 500) {
            // Not a refusal of the input: the mappers log it and answer problem+json with an incident.
            throw e;
        }
        Response response = text(status, e.detail());
        if (e.kind() == ErrorKind.UNAUTHORIZED) {
            return Response.fromResponse(response).header("WWW-Authenticate", BASIC_CHALLENGE).build();
        }
        return response;
    }

    private static Response text(int status, String detail) {
        return Response.status(status).type("text/plain; charset=utf-8").entity((detail + "\n").getBytes(StandardCharsets.UTF_8)).build();
    }

    private static final class UnsupportedType extends RuntimeException {
        UnsupportedType(String type) {
            super(String.valueOf(type), null, false, false);
        }
    }

    private static final class RateLimited extends RuntimeException {
        final long retryAfter;

        RateLimited(String account, long retryAfter) {
            super(account, null, false, false);
            this.retryAfter = retryAfter;
        }
    }
}
