package online.hypermesh.trustchain.ca.api;

import java.time.Instant;

/**
 * A TSIG key (RFC 8945) for RFC 2136 dynamic updates of {@code _acme-challenge} TXT records, as
 * created: {@code secret} is base64 (as nsupdate and certbot's rfc2136 plugin take it) and shown
 * once; {@code server} is the mesh DNS's UDP/TCP address updates are sent to.
 */
public record DnsUpdateKeyView(String name, String algorithm, String secret, String account, String zone, String server, Instant createdAt) {
}
