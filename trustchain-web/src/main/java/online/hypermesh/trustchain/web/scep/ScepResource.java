package online.hypermesh.trustchain.web.scep;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import online.hypermesh.trustchain.ca.api.ScepReply;
import online.hypermesh.trustchain.ca.api.ScepService;

/**
 * SCEP (RFC 8894 4.1) at /scep, on the HTTP listener 8080 (API.md; the HTTPS listener answers
 * too): {@code GET ?operation=GetCACaps}, {@code GET ?operation=GetCACert}, and
 * {@code PKIOperation} as POST (the body is the DER pkiMessage) or GET with
 * {@code message=<base64>}. Plain HTTP is what SCEP was made for: the pkiMessage is signed and
 * its content encrypted to the RA, and the challenge password travels inside that envelope.
 * Errors are SCEP's own: a CertRep FAILURE for a pkiMessage, plain text 400 for a request that is
 * none, never problem+json.
 */
@PermitAll
@Path("scep")
public class ScepResource {
    private static final int MAX_BYTES = 64 * 1024;

    @EJB
    ScepService scep;

    @GET
    public Response get(@QueryParam("operation") String operation, @Encoded @QueryParam("message") String message) {
        if (!scep.enabled()) {
            return text(404, "SCEP is switched off on this server (trustchain.scep.enabled)");
        }
        if (operation == null) {
            return text(400, "say which operation: ?operation=GetCACaps, GetCACert or PKIOperation");
        }
        return switch (operation) {
            case "GetCACaps" -> reply(scep.capabilities());
            case "GetCACert" -> reply(scep.caCertificates());
            case "PKIOperation" -> {
                byte[] der = message == null ? null : decode(message);
                yield der == null ? text(400, "PKIOperation by GET needs message=<base64 of the DER pkiMessage>") : reply(scep.pkiOperation(der));
            }
            default -> text(400, "operation '" + operation + "' is not supported; supported: GetCACaps, GetCACert, PKIOperation");
        };
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response post(@QueryParam("operation") String operation, InputStream body) {
        if (!scep.enabled()) {
            return text(404, "SCEP is switched off on this server (trustchain.scep.enabled)");
        }
        if (!"PKIOperation".equals(operation)) {
            return text(400, "POST carries ?operation=PKIOperation only (RFC 8894 4.3)");
        }
        byte[] der = readBounded(body);
        return der == null ? text(413, "the pkiMessage is larger than " + MAX_BYTES + " bytes") : reply(scep.pkiOperation(der));
    }

    private static Response reply(ScepReply reply) {
        return Response.status(reply.status()).type(reply.contentType()).entity(reply.body()).header("Cache-Control", "no-store").build();
    }

    private static Response text(int status, String message) {
        return Response.status(status).type("text/plain; charset=utf-8").entity((message + "\n").getBytes(StandardCharsets.UTF_8)).build();
    }

    private static byte[] readBounded(InputStream body) {
        try (body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int n;
            while ((n = body.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_BYTES) {
                    return null;
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** Percent-decoding that keeps '+' (a base64 digit, not a space), then base64 or base64url; null if either fails. */
    static byte[] decode(String encoded) {
        if (encoded.length() > MAX_BYTES * 3) {
            return null;
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length() && Character.digit(encoded.charAt(i + 1), 16) >= 0
                    && Character.digit(encoded.charAt(i + 2), 16) >= 0) {
                text.write(Character.digit(encoded.charAt(i + 1), 16) * 16 + Character.digit(encoded.charAt(i + 2), 16));
                i += 2;
            } else if (c == '%') {
                return null;
            } else {
                text.write(c);
            }
        }
        try {
            // Some clients (micromdm's scepclient 2.1) send base64url here: both alphabets decode.
            return Base64.getMimeDecoder().decode(text.toString(StandardCharsets.US_ASCII).trim().replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
