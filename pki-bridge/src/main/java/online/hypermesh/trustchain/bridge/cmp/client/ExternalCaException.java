package online.hypermesh.trustchain.bridge.cmp.client;

/**
 * The external CA did not issue (or revoke): unreachable, refused in CMP's terms (its
 * PKIFailureInfo bits and status text), or answered with something this client does not trust.
 * The message names the CA and says what the operator or the requester can do.
 */
public final class ExternalCaException extends RuntimeException {
    /** Why the exchange failed. */
    public enum Kind {
        /** No answer: connection refused, timeout, HTTP error without a CMP body. Retrying later may succeed. */
        UNREACHABLE,
        /** The CA answered with a rejection (ip/cp/rp status rejection, or an error message). */
        REFUSED,
        /** The answer cannot be trusted or read: bad protection, wrong transaction, not CMP. */
        BAD_RESPONSE
    }

    private final Kind kind;
    private final int failInfo;
    private final String statusText;

    public ExternalCaException(Kind kind, String message, int failInfo, String statusText, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.failInfo = failInfo;
        this.statusText = statusText;
    }

    public ExternalCaException(Kind kind, String message) {
        this(kind, message, 0, null, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The PKIFailureInfo bits the CA sent, 0 if none. */
    public int failInfo() {
        return failInfo;
    }

    /** The CA's own statusString, or null. */
    public String statusText() {
        return statusText;
    }
}
