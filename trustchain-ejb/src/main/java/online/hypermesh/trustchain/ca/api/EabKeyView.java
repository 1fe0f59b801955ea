package online.hypermesh.trustchain.ca.api;

import java.time.Instant;

/**
 * An external account binding key (RFC 8555 7.3.4) as created: {@code hmacKey} is base64url and
 * shown once; an ACME client gives it with {@code kid} to newAccount, once.
 */
public record EabKeyView(String kid, String hmacKey, String account, Instant createdAt) {
}
