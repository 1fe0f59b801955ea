package online.hypermesh.trustchain.ca.api;

import java.time.Instant;

/**
 * A CMP shared secret as created: a client protects its requests with a password-based MAC of
 * {@code secret}, naming it by {@code reference} (the senderKID; openssl cmp -ref and -secret).
 * The secret is shown once.
 */
public record CmpSecretView(String reference, String secret, String account, Instant createdAt) {
}
