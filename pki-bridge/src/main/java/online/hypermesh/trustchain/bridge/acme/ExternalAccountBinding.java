package online.hypermesh.trustchain.bridge.acme;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.json.JsonObject;

import online.hypermesh.trustchain.bridge.acme.AcmeProblem.Type;

/**
 * The "externalAccountBinding" of a newAccount request (RFC 8555 7.3.4): a JWS whose payload is
 * the account's JWK, MAC'd (HS256, HS384 or HS512) with a key the CA gave out of band under a key
 * identifier, and whose "url" is the newAccount URL. Verifying it proves the new ACME account's
 * holder also holds that MAC key, so the account inherits whatever the key was created for.
 */
public final class ExternalAccountBinding {
    private ExternalAccountBinding() {
    }

    /**
     * @param binding   the "externalAccountBinding" object
     * @param accountKey the outer JWS's "jwk"
     * @param url       the newAccount URL the outer JWS was sent to
     * @param macKeyOf  the MAC key of a key identifier, or null if it is unknown or used up
     * @return the key identifier that verified
     */
    public static String verify(JsonObject binding, Jwk accountKey, String url, Function<String, byte[]> macKeyOf) {
        Jws inner = Jws.of(binding);
        String kid = inner.kid();
        if (kid == null || inner.header().containsKey("nonce")) {
            throw new AcmeProblem(Type.MALFORMED, "the external account binding needs \"kid\" and no \"nonce\" in its protected header (RFC 8555 7.3.4)");
        }
        String algorithm = switch (inner.alg()) {
            case "HS256" -> "HmacSHA256";
            case "HS384" -> "HmacSHA384";
            case "HS512" -> "HmacSHA512";
            default -> throw new AcmeProblem(Type.BAD_SIGNATURE_ALGORITHM, "the external account binding must be MAC'd with HS256, HS384 or HS512, not " + inner.alg());
        };
        if (!url.equals(inner.url())) {
            throw new AcmeProblem(Type.MALFORMED, "the external account binding's \"url\" must be the newAccount URL " + url);
        }
        if (inner.emptyPayload() || !Jwk.parse(inner.payload()).equals(accountKey)) {
            throw new AcmeProblem(Type.MALFORMED, "the external account binding's payload must be the account key of the request");
        }
        byte[] key = macKeyOf.apply(kid);
        if (key == null) {
            throw new AcmeProblem(Type.UNAUTHORIZED, "external account key '" + kid + "' is unknown or was already used");
        }
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            if (!MessageDigest.isEqual(mac.doFinal(inner.signingInput()), inner.signature())) {
                throw new AcmeProblem(Type.UNAUTHORIZED, "the external account binding's MAC does not verify with key '" + kid + "'");
            }
        } catch (GeneralSecurityException e) {
            throw new AcmeProblem(Type.SERVER_INTERNAL, "no " + algorithm + ": " + e.getMessage());
        }
        return kid;
    }
}
