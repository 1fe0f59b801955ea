package online.hypermesh.trustchain.web.rest.ct;

import java.util.HexFormat;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import online.hypermesh.trustchain.ca.api.CtLogService;
import online.hypermesh.trustchain.ca.api.LogDescription;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * The C2SP static-ct-api read path ({@code /checkpoint}, hash and data tiles, issuers) and
 * {@code /log.json}, on port 6962 only. Tiles and issuers never change, so they may be cached for
 * long; the checkpoint changes with every batch, so it may be cached for a second at most.
 */
@PermitAll
@Path("")
public class StaticCtResource {
    static final String OCTETS = "application/octet-stream";
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    @EJB
    CtLogService log;

    @GET
    @Path("checkpoint")
    @Produces("text/plain; charset=utf-8")
    public Response checkpoint() {
        return Response.ok(log.checkpoint()).header("Cache-Control", "max-age=1").build();
    }

    @GET
    @Path("tile/{level: [0-9]+}/{index: .+}")
    @Produces(OCTETS)
    public Response hashTile(@PathParam("level") String level, @PathParam("index") String index) {
        return immutable(log.hashTile(level, index), "tile/" + level + "/" + index);
    }

    @GET
    @Path("tile/data/{index: .+}")
    @Produces(OCTETS)
    public Response dataTile(@PathParam("index") String index) {
        return immutable(log.dataTile(index), "tile/data/" + index);
    }

    @GET
    @Path("issuer/{fingerprint}")
    @Produces("application/pkix-cert")
    public Response issuer(@PathParam("fingerprint") String fingerprint) {
        if (!fingerprint.matches("[0-9a-f]{64}")) {
            throw TrustChainException.malformed("an issuer is named by the lower-case hex SHA-256 of its DER certificate (64 characters)");
        }
        return immutable(log.issuer(HexFormat.of().parseHex(fingerprint)), "issuer/" + fingerprint);
    }

    @GET
    @Path("log.json")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject logJson() {
        LogDescription d = log.description();
        return CtJson.JSON.createObjectBuilder()
                .add("description", d.description())
                .add("log_id", d.logId())
                .add("key", d.key())
                .add("url", d.url())
                .add("mmd", d.mmdSeconds())
                .build();
    }

    private static Response immutable(Optional<byte[]> body, String what) {
        byte[] bytes = body.orElseThrow(() -> TrustChainException.notFound(what + " does not exist (yet) in this log"));
        return Response.ok(bytes).header("Cache-Control", IMMUTABLE).build();
    }
}
