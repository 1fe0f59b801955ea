package online.hypermesh.trustchain.web.rest.ct;

import java.io.InputStream;
import java.util.Base64;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import online.hypermesh.trustchain.ca.api.CtLogService;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.web.json.AddChainRequestParser;
import online.hypermesh.trustchain.web.json.BoundedBody;

/**
 * RFC 6962 section 4, the eight endpoints under {@code /ct/v1/} (port 6962 only, see
 * {@link CtPortFilter}). Errors are HTTP 400 (bad input; nothing logged) or 503 (log unavailable)
 * with a problem+json body whose detail says what was wrong.
 */
@PermitAll
@Path("ct/v1")
@Produces(MediaType.APPLICATION_JSON)
public class CtApiResource {

    @EJB
    CtLogService log;

    @POST
    @Path("add-chain")
    @Consumes(MediaType.WILDCARD)
    public JsonObject addChain(InputStream body) {
        return CtJson.sct(log.addChain(AddChainRequestParser.parse(BoundedBody.read(body))));
    }

    @POST
    @Path("add-pre-chain")
    @Consumes(MediaType.WILDCARD)
    public JsonObject addPreChain(InputStream body) {
        return CtJson.sct(log.addPreChain(AddChainRequestParser.parse(BoundedBody.read(body))));
    }

    @GET
    @Path("get-sth")
    public JsonObject getSth() {
        return CtJson.sth(log.latestTreeHead());
    }

    @GET
    @Path("get-sth-consistency")
    public JsonObject getSthConsistency(@QueryParam("first") String first, @QueryParam("second") String second) {
        List<byte[]> proof = log.consistencyProof(number("first", first), number("second", second));
        return CtJson.JSON.createObjectBuilder().add("consistency", CtJson.base64Array(proof)).build();
    }

    @GET
    @Path("get-proof-by-hash")
    public JsonObject getProofByHash(@QueryParam("hash") String hash, @QueryParam("tree_size") String treeSize) {
        CtLogService.InclusionProof proof = log.proofByHash(base64("hash", hash), number("tree_size", treeSize));
        return CtJson.JSON.createObjectBuilder()
                .add("leaf_index", proof.leafIndex())
                .add("audit_path", CtJson.base64Array(proof.auditPath()))
                .build();
    }

    @GET
    @Path("get-entries")
    public JsonObject getEntries(@QueryParam("start") String start, @QueryParam("end") String end) {
        JsonArrayBuilder entries = CtJson.JSON.createArrayBuilder();
        for (CtLogService.Entry e : log.entries(number("start", start), number("end", end))) {
            entries.add(CtJson.JSON.createObjectBuilder()
                    .add("leaf_input", CtJson.base64(e.leafInput()))
                    .add("extra_data", CtJson.base64(e.extraData())));
        }
        return CtJson.JSON.createObjectBuilder().add("entries", entries).build();
    }

    @GET
    @Path("get-roots")
    public JsonObject getRoots() {
        return CtJson.JSON.createObjectBuilder().add("certificates", CtJson.base64Array(log.roots())).build();
    }

    @GET
    @Path("get-entry-and-proof")
    public JsonObject getEntryAndProof(@QueryParam("leaf_index") String leafIndex, @QueryParam("tree_size") String treeSize) {
        CtLogService.EntryAndProof ep = log.entryAndProof(number("leaf_index", leafIndex), number("tree_size", treeSize));
        return CtJson.JSON.createObjectBuilder()
                .add("leaf_input", CtJson.base64(ep.entry().leafInput()))
                .add("extra_data", CtJson.base64(ep.entry().extraData()))
                .add("audit_path", CtJson.base64Array(ep.auditPath()))
                .build();
    }

    static long number(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            throw TrustChainException.malformed("query parameter '" + name + "' is required (a decimal number)");
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value < 0) {
                throw TrustChainException.malformed("query parameter '" + name + "' must not be negative, was " + raw);
            }
            return value;
        } catch (NumberFormatException e) {
            throw TrustChainException.malformed("query parameter '" + name + "' must be a decimal number, was '" + raw + "'");
        }
    }

    static byte[] base64(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            throw TrustChainException.malformed("query parameter '" + name + "' is required (base64)");
        }
        try {
            return Base64.getDecoder().decode(raw.trim());
        } catch (IllegalArgumentException e) {
            throw TrustChainException.malformed("query parameter '" + name + "' is not valid base64: " + e.getMessage());
        }
    }
}
