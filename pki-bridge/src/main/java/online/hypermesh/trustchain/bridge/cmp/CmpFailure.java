package online.hypermesh.trustchain.bridge.cmp;

import org.bouncycastle.asn1.cmp.PKIFailureInfo;

/**
 * A request refused in CMP's own terms: the PKIFailureInfo bits (RFC 4210 5.2.3) and the text the
 * error message carries. {@code undecodable} marks a body that is not a PKIMessage at all, which
 * RFC 6712 3.3 lets the server answer with HTTP 400.
 */
public final class CmpFailure extends RuntimeException {
    private final int failInfo;
    private final boolean undecodable;

    public CmpFailure(int failInfo, String text) {
        this(failInfo, text, false);
    }

    private CmpFailure(int failInfo, String text, boolean undecodable) {
        super(text);
        this.failInfo = failInfo;
        this.undecodable = undecodable;
    }

    static CmpFailure undecodable(String text) {
        return new CmpFailure(PKIFailureInfo.badDataFormat, text, true);
    }

    public static CmpFailure badRequest(String text) {
        return new CmpFailure(PKIFailureInfo.badRequest, text);
    }

    /** PKIFailureInfo bits, e.g. {@link PKIFailureInfo#badMessageCheck}. */
    public int failInfo() {
        return failInfo;
    }

    public String text() {
        return getMessage();
    }

    public boolean undecodable() {
        return undecodable;
    }
}
