package online.hypermesh.trustchain.bridge.acme;

import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;

/**
 * dns-01 (RFC 8555 8.4): a TXT record at {@code _acme-challenge.<name>} must hold the base64url
 * SHA-256 digest of the key authorization. Asked through the configured resolvers afresh for each
 * validation, so a record placed a moment ago is seen and a removed one is not. Other TXT records
 * at the name (another order's, an old one) are ignored, as the RFC allows several.
 */
public final class Dns01Validator {
    public static final String LABEL = "_acme-challenge";

    private final NameResolver resolver;

    public Dns01Validator(NameResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** The value the client must publish. */
    public static String expectedValue(String keyAuthorization) {
        return Base64Url.encode(TlsAlpn01Validator.sha256(keyAuthorization));
    }

    /** @return the resolvers that showed the record (for the challenge's record). @throws AcmeProblem why not */
    public String validate(String name, String keyAuthorization) {
        String owner = LABEL + "." + name;
        String expected = expectedValue(keyAuthorization);
        List<String> found = resolver.txt(owner);
        if (found.isEmpty()) {
            throw new AcmeProblem(AcmeProblem.Type.UNAUTHORIZED, "no TXT record at " + owner);
        }
        for (String value : found) {
            if (MessageDigest.isEqual(value.getBytes(java.nio.charset.StandardCharsets.US_ASCII), expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                return "dns " + resolver.description();
            }
        }
        throw new AcmeProblem(AcmeProblem.Type.INCORRECT_RESPONSE, "the TXT records at " + owner + " (" + found.size()
                + ") do not hold the digest of this challenge's key authorization");
    }
}
