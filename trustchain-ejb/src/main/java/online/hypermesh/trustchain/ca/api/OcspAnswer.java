package online.hypermesh.trustchain.ca.api;

import java.time.Instant;

/**
 * A DER OCSPResponse, and when any HTTP cache may keep it until its nextUpdate (RFC 5019 6.2: a
 * successful good or revoked answer about one certificate, without nonce) its thisUpdate and
 * nextUpdate; both null for every other answer.
 */
public record OcspAnswer(byte[] der, Instant thisUpdate, Instant nextUpdate) {
    public boolean sharedCacheable() {
        return nextUpdate != null;
    }
}
