package online.hypermesh.trustchain.bridge.acme;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import online.hypermesh.trustchain.bridge.acme.AcmeProblem.Type;

/**
 * An account's public key as a JSON Web Key (RFC 7517): RSA (RFC 7518 6.3, at least 2048 bits),
 * EC on P-256 or P-384 (RFC 7518 6.2, the point checked to be on the curve) or OKP Ed25519
 * (RFC 8037). Verifies the JWS algorithms that go with it (RS256, ES256, ES384, EdDSA) and has
 * the RFC 7638 thumbprint that names it in key authorizations and in the database.
 */
public final class Jwk {

    private static final int MIN_RSA_BITS = 2048;

    private final String kty;
    private final String crv;
    /** The members of the RFC 7638 thumbprint, in its lexicographic order, as the JSON it hashes. */
    private final String canonical;
    private final PublicKey jdkKey;
    private final byte[] ed25519;

    /** The EC public key as Bouncy Castle's lightweight API verifies with it; null for other key types. */
    private final org.bouncycastle.crypto.params.ECPublicKeyParameters ecKey;

    private Jwk(String kty, String crv, String canonical, PublicKey jdkKey, byte[] ed25519) {
        this(kty, crv, canonical, jdkKey, ed25519, null);
    }

    private Jwk(String kty, String crv, String canonical, PublicKey jdkKey, byte[] ed25519, org.bouncycastle.crypto.params.ECPublicKeyParameters ecKey) {
        this.kty = kty;
        this.crv = crv;
        this.canonical = canonical;
        this.jdkKey = jdkKey;
        this.ed25519 = ed25519;
        this.ecKey = ecKey;
    }

    /** @throws AcmeProblem badPublicKey or malformed if the object is not a supported public key */
    public static Jwk parse(JsonObject jwk) {
        String kty = member(jwk, "kty");
        if (jwk.containsKey("d") || jwk.containsKey("p") || jwk.containsKey("k")) {
            throw new AcmeProblem(Type.BAD_PUBLIC_KEY, "the JWK holds private or symmetric key material; send the public key only");
        }
        try {
            switch (kty) {
                case "RSA": {
                    String n = member(jwk, "n");
                    String e = member(jwk, "e");
                    BigInteger modulus = new BigInteger(1, Base64Url.decode(n, "jwk n"));
                    BigInteger exponent = new BigInteger(1, Base64Url.decode(e, "jwk e"));
                    if (modulus.bitLength() < MIN_RSA_BITS) {
                        throw new AcmeProblem(Type.BAD_PUBLIC_KEY, "the RSA key has " + modulus.bitLength() + " bits; at least " + MIN_RSA_BITS);
                    }
                    if (!exponent.testBit(0) || exponent.compareTo(BigInteger.valueOf(3)) < 0) {
                        throw new AcmeProblem(Type.BAD_PUBLIC_KEY, "the RSA public exponent must be odd and at least 3");
                    }
                    PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
                    return new Jwk(kty, null, "{\"e\":\"" + e + "\",\"kty\":\"RSA\",\"n\":\"" + n + "\"}", key, null);
                }
                case "EC": {
                    String crv = member(jwk, "crv");
                    String x = member(jwk, "x");
                    String y = member(jwk, "y");
                    int size = switch (crv) {
                        case "P-256" -> 32;
                        case "P-384" -> 48;
                        default -> throw new AcmeProblem(Type.BAD_PUBLIC_KEY, "EC curve '" + crv + "' is not supported; use P-256 or P-384");
                    };
                    byte[] xb = Base64Url.decode(x, "jwk x");
                    byte[] yb = Base64Url.decode(y, "jwk y");
                    if (xb.length != size || yb.length != size) {
                        throw new AcmeProblem(Type.BAD_PUBLIC_KEY, "the " + crv + " coordinates must be " + size + " bytes each (RFC 7518 6.2.1.2)");
                    }
                    // The curve objects of CustomNamedCurves are made once; a point on one keeps its precomputations, so
                    // verifying with a Jwk that is parsed once (AcmeAccountKeys) gets faster after the first time.
                    X9ECParameters curve = org.bouncycastle.crypto.ec.CustomNamedCurves.getByName(crv.equals("P-256") ? "secp256r1" : "secp384r1");
                    org.bouncycastle.math.ec.ECPoint point;
                    try {
                        point = curve.getCurve().validatePoint(new BigInteger(1, xb), new BigInteger(1, yb));
                    } catch (IllegalArgumentException notOnCurve) {
                        throw new AcmeProblem(Type.BAD_PUBLIC_KEY, "the point is not on " + crv);
                    }
                    if (!point.isValid()) {
                        throw new AcmeProblem(Type.BAD_PUBLIC_KEY, "the point is not on " + crv);
                    }
                    org.bouncycastle.crypto.params.ECPublicKeyParameters ecKey = new org.bouncycastle.crypto.params.ECPublicKeyParameters(point,
                            new org.bouncycastle.crypto.params.ECDomainParameters(curve));
                    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                    parameters.init(new ECGenParameterSpec(crv.equals("P-256") ? "secp256r1" : "secp384r1"));
                    ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
                    PublicKey key = KeyFactory.getInstance("EC").generatePublic(
                            new ECPublicKeySpec(new ECPoint(new BigInteger(1, xb), new BigInteger(1, yb)), spec));
                    return new Jwk(kty, crv, "{\"crv\":\"" + crv + "\",\"kty\":\"EC\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}", key, null, ecKey);
                }
                case "OKP": {
                    String crv = member(jwk, "crv");
                    String x = member(jwk, "x");
                    if (!crv.equals("Ed25519")) {
                        throw new AcmeProblem(Type.BAD_PUBLIC_KEY, "OKP curve '" + crv + "' is not supported; use Ed25519");
                    }
                    byte[] xb = Base64Url.decode(x, "jwk x");
                    if (xb.length != Ed25519PublicKeyParameters.KEY_SIZE) {
                        throw new AcmeProblem(Type.BAD_PUBLIC_KEY, "an Ed25519 key is 32 bytes (RFC 8037 2)");
                    }
                    return new Jwk(kty, crv, "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + x + "\"}", null, xb);
                }
                default:
                    throw new AcmeProblem(Type.BAD_PUBLIC_KEY, "key type '" + kty + "' is not supported; use RSA, EC or OKP (Ed25519)");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new AcmeProblem(Type.BAD_PUBLIC_KEY, "the JWK is not a usable public key: " + e.getMessage());
        }
    }

    /** The JWK of a certificate's or CSR's public key (for revocation by the certificate's key). */
    public static Jwk of(SubjectPublicKeyInfo spki) {
        try {
            ASN1ObjectIdentifier algorithm = spki.getAlgorithm().getAlgorithm();
            if (algorithm.equals(EdECObjectIdentifiers.id_Ed25519)) {
                return parse(JsonP.JSON.createObjectBuilder().add("kty", "OKP").add("crv", "Ed25519")
                        .add("x", Base64Url.encode(spki.getPublicKeyData().getOctets())).build());
            }
            PublicKey key = KeyFactory.getInstance(algorithm.equals(org.bouncycastle.asn1.x9.X9ObjectIdentifiers.id_ecPublicKey) ? "EC" : "RSA")
                    .generatePublic(new java.security.spec.X509EncodedKeySpec(spki.getEncoded()));
            if (key instanceof RSAPublicKey rsa) {
                return parse(JsonP.JSON.createObjectBuilder().add("kty", "RSA").add("n", Base64Url.encode(unsigned(rsa.getModulus(), 0)))
                        .add("e", Base64Url.encode(unsigned(rsa.getPublicExponent(), 0))).build());
            }
            ECPublicKey ec = (ECPublicKey) key;
            int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
            return parse(JsonP.JSON.createObjectBuilder().add("kty", "EC").add("crv", size == 32 ? "P-256" : size == 48 ? "P-384" : "P-521")
                    .add("x", Base64Url.encode(unsigned(ec.getW().getAffineX(), size)))
                    .add("y", Base64Url.encode(unsigned(ec.getW().getAffineY(), size))).build());
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new AcmeProblem(Type.BAD_PUBLIC_KEY, "the certificate's key is not one ACME accounts use: " + e.getMessage());
        }
    }

    private static byte[] unsigned(BigInteger value, int size) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        if (size > bytes.length) {
            byte[] padded = new byte[size];
            System.arraycopy(bytes, 0, padded, size - bytes.length, bytes.length);
            return padded;
        }
        return bytes;
    }

    private static String member(JsonObject jwk, String name) {
        JsonValue v = jwk.get(name);
        if (!(v instanceof JsonString s)) {
            throw new AcmeProblem(Type.MALFORMED, "the JWK has no string member '" + name + "'");
        }
        return s.getString();
    }

    /** The RFC 7638 thumbprint (SHA-256), base64url: names the key in key authorizations. */
    public String thumbprint() {
        try {
            return Base64Url.encode(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The required members only, in thumbprint order: what is stored, and equal for equal keys. */
    public String canonicalJson() {
        return canonical;
    }

    /** RFC 8555 6.2: the algorithm must be one this key type signs with. */
    public void verify(String alg, byte[] signingInput, byte[] signature) {
        boolean ok;
        try {
            ok = switch (alg) {
                case "RS256" -> requireKty("RSA", alg) && jdk("SHA256withRSA", signingInput, signature);
                case "ES256" -> requireCurve("P-256", alg) && signature.length == 64 && ecdsa(new org.bouncycastle.crypto.digests.SHA256Digest(), signingInput, signature);
                case "ES384" -> requireCurve("P-384", alg) && signature.length == 96 && ecdsa(new org.bouncycastle.crypto.digests.SHA384Digest(), signingInput, signature);
                case "EdDSA" -> requireCurve("Ed25519", alg) && ed25519(signingInput, signature);
                default -> throw new AcmeProblem(Type.BAD_SIGNATURE_ALGORITHM, "JWS algorithm '" + alg + "' is not supported; use RS256, ES256, ES384 or EdDSA");
            };
        } catch (GeneralSecurityException e) {
            ok = false;
        }
        if (!ok) {
            throw new AcmeProblem(Type.MALFORMED, "the JWS signature does not verify with the account key");
        }
    }

    private boolean requireKty(String expected, String alg) {
        if (!kty.equals(expected)) {
            throw new AcmeProblem(Type.BAD_SIGNATURE_ALGORITHM, "algorithm " + alg + " does not go with a key of type " + kty);
        }
        return true;
    }

    private boolean requireCurve(String expected, String alg) {
        if (!expected.equals(crv)) {
            throw new AcmeProblem(Type.BAD_SIGNATURE_ALGORITHM, "algorithm " + alg + " does not go with a " + kty
                    + (crv == null ? "" : " " + crv) + " key");
        }
        return true;
    }

    private boolean jdk(String algorithm, byte[] input, byte[] signature) throws GeneralSecurityException {
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(jdkKey);
        verifier.update(input);
        return verifier.verify(signature);
    }

    /**
     * ECDSA with the signature as r || s (RFC 7518 3.4), by Bouncy Castle's lightweight API on the
     * key parsed once: about four times faster than the JDK 17 provider, and every ACME request is
     * one verification (with the JDK it was half of the server's CPU under load).
     */
    private boolean ecdsa(org.bouncycastle.crypto.Digest digest, byte[] input, byte[] signature) {
        byte[] hash = new byte[digest.getDigestSize()];
        digest.update(input, 0, input.length);
        digest.doFinal(hash, 0);
        int half = signature.length / 2;
        BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 0, half));
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(signature, half, signature.length));
        org.bouncycastle.crypto.signers.ECDSASigner verifier = new org.bouncycastle.crypto.signers.ECDSASigner();
        verifier.init(false, ecKey);
        // verifySignature refuses r or s outside [1, n-1].
        return verifier.verifySignature(hash, r, s);
    }

    private boolean ed25519(byte[] input, byte[] signature) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(ed25519, 0));
        verifier.update(input, 0, input.length);
        return verifier.verifySignature(signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Jwk other && other.canonical.equals(canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }
}
