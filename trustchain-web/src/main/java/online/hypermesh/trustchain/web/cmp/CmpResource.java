package online.hypermesh.trustchain.web.cmp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import online.hypermesh.trustchain.ca.api.CmpReply;
import online.hypermesh.trustchain.ca.api.CmpService;

/**
 * CMP over HTTP (RFC 6712) at {@code http://<host>:8080/pkix/} (and the same on the HTTPS
 * listener): POST a DER PKIMessage, get one back as application/pkixcmp. Open to anyone at this
 * level: every request is authenticated by its own protection (a MAC with an account's shared
 * secret), which the CA verifies, so plain HTTP carries nothing a listener could reuse. Any path
 * below /pkix/ is accepted (a CMP "alias"); all lead to the same server. The edge only passes the
 * body through and the reply back, error messages included.
 */
@PermitAll
@Path("pkix")
public class CmpResource {
    @EJB
    CmpService cmp;

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response post(InputStream body) {
        return send(cmp.handle(read(body)));
    }

    @POST
    @Path("{alias: .+}")
    @Consumes(MediaType.WILDCARD)
    public Response postToAlias(InputStream body) {
        return post(body);
    }

    private static Response send(CmpReply reply) {
        return Response.status(reply.status()).type(CmpReply.CONTENT_TYPE).header("Cache-Control", "no-store").entity(reply.body()).build();
    }

    /** At most one byte more than a request may have, so that the CA refuses an oversized one in CMP's terms. */
    private static byte[] read(InputStream body) {
        try (body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = body.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > CmpReply.MAX_REQUEST_BYTES) {
                    break;
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
