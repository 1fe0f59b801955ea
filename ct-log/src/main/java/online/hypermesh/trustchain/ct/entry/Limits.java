package online.hypermesh.trustchain.ct.entry;

/** Vector bounds RFC 6962 declares, named once. */
public final class Limits {
    /** {@code opaque ASN.1Cert<1..2^24-1>} and {@code opaque TBSCertificate<1..2^24-1>}. */
    public static final int ASN1_CERT_MAX = (1 << 24) - 1;
    /** {@code ASN.1Cert certificate_chain<0..2^24-1>}. */
    public static final int CHAIN_MAX = (1 << 24) - 1;
    /** {@code opaque CtExtensions<0..2^16-1>} and the signature in {@code digitally-signed}. */
    public static final int U16_MAX = (1 << 16) - 1;
    /** Length of a SHA-256 hash, a LogID and an issuer_key_hash. */
    public static final int HASH = 32;

    private Limits() {
    }
}
