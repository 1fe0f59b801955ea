package online.hypermesh.trustchain.bridge.acme;

import java.security.SecureRandom;

/** Challenge tokens and key authorizations (RFC 8555 8.1). */
public final class KeyAuthorization {
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyAuthorization() {
    }

    /** A token with 128 bits of entropy, base64url (RFC 8555 8.3 asks for at least 128). */
    public static String newToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64Url.encode(bytes);
    }

    /** {@code token || '.' || base64url(Thumbprint(accountKey))}. */
    public static String of(String token, Jwk accountKey) {
        return token + "." + accountKey.thumbprint();
    }
}
