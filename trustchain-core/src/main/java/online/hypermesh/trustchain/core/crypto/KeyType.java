package online.hypermesh.trustchain.core.crypto;

/** Key types a crypto token can generate, with the signature algorithm each one signs with. */
public enum KeyType {
    RSA_4096("RSA", 4096, null, SigningAlgorithm.SHA256_WITH_RSA),
    RSA_2048("RSA", 2048, null, SigningAlgorithm.SHA256_WITH_RSA),
    EC_P256("EC", 256, "secp256r1", SigningAlgorithm.SHA256_WITH_ECDSA),
    EC_P384("EC", 384, "secp384r1", SigningAlgorithm.SHA384_WITH_ECDSA);

    private final String jcaAlgorithm;
    private final int bits;
    private final String curve;
    private final SigningAlgorithm signingAlgorithm;

    KeyType(String jcaAlgorithm, int bits, String curve, SigningAlgorithm signingAlgorithm) {
        this.jcaAlgorithm = jcaAlgorithm;
        this.bits = bits;
        this.curve = curve;
        this.signingAlgorithm = signingAlgorithm;
    }

    /** "RSA" or "EC". */
    public String jcaAlgorithm() {
        return jcaAlgorithm;
    }

    public int bits() {
        return bits;
    }

    /** The SEC curve name, or null for RSA. */
    public String curve() {
        return curve;
    }

    /** The algorithm a key of this type signs certificates and CRLs with. */
    public SigningAlgorithm signingAlgorithm() {
        return signingAlgorithm;
    }

    /** Human-readable form used in the API ("RSA-4096", "ECDSA P-384"). */
    public String displayName() {
        return curve == null ? "RSA-" + bits : "ECDSA P-" + bits;
    }
}
