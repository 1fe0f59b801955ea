package online.hypermesh.trustchain.bridge.scep;

/** The failInfo of a FAILURE CertRep (RFC 8894 3.2.1.4), sent as a PrintableString of the number. */
public enum FailInfo {
    /** Unrecognized or unsupported algorithm. */
    BAD_ALG(0),
    /** Integrity check (signature or decryption) failed. */
    BAD_MESSAGE_CHECK(1),
    /** Transaction not permitted or supported (also: refused by policy, wrong challenge). */
    BAD_REQUEST(2),
    /** The signingTime attribute was not close enough to the system time. */
    BAD_TIME(3),
    /** No certificate could be identified matching the provided criteria. */
    BAD_CERT_ID(4);

    private final int code;

    FailInfo(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
