package online.hypermesh.trustchain.ca.api;

import java.util.List;
import java.util.Map;

/**
 * An ACME response as the edge sends it: status, content type, body (JSON, a problem document
 * or a PEM chain; null for none) and headers (Replay-Nonce, Link, Location, Retry-After).
 */
public record AcmeReply(int status, String contentType, String body, Map<String, List<String>> headers) {
    public AcmeReply {
        headers = Map.copyOf(headers);
    }
}
