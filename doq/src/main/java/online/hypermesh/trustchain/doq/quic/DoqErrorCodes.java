package online.hypermesh.trustchain.doq.quic;

/** Application error codes of RFC 9250 section 4.3. */
public final class DoqErrorCodes {

    public static final long DOQ_NO_ERROR = 0x0;
    public static final long DOQ_INTERNAL_ERROR = 0x1;
    public static final long DOQ_PROTOCOL_ERROR = 0x2;
    public static final long DOQ_REQUEST_CANCELLED = 0x3;
    public static final long DOQ_EXCESSIVE_LOAD = 0x4;

    private DoqErrorCodes() {
    }
}
