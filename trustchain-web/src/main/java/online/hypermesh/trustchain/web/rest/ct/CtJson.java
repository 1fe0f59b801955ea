package online.hypermesh.trustchain.web.rest.ct;

import java.util.Base64;
import java.util.List;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

import online.hypermesh.trustchain.ca.api.CtLogService;

/** The JSON bodies of RFC 6962 section 4, with the RFC's exact field names. */
final class CtJson {
    static final JsonProvider JSON = JsonProvider.provider();

    private CtJson() {
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** add-chain / add-pre-chain (4.1): sct_version, id, timestamp, extensions, signature. */
    static JsonObject sct(CtLogService.SubmittedSct sct) {
        return JSON.createObjectBuilder()
                .add("sct_version", 0)
                .add("id", base64(sct.logId()))
                .add("timestamp", sct.timestamp())
                .add("extensions", base64(sct.extensions()))
                .add("signature", base64(sct.signature()))
                .build();
    }

    /** get-sth (4.3). */
    static JsonObject sth(CtLogService.TreeHead head) {
        return JSON.createObjectBuilder()
                .add("tree_size", head.treeSize())
                .add("timestamp", head.timestamp())
                .add("sha256_root_hash", base64(head.rootHash()))
                .add("tree_head_signature", base64(head.signature()))
                .build();
    }

    static JsonArrayBuilder base64Array(List<byte[]> items) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        items.forEach(i -> array.add(base64(i)));
        return array;
    }
}
