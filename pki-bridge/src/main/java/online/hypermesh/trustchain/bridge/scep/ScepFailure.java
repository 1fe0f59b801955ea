package online.hypermesh.trustchain.bridge.scep;

/**
 * A request SCEP answers with a FAILURE CertRep: why (for the audit trail and the log) and the
 * failInfo the client sees. When the message could not even be parsed far enough to know whom to
 * answer, the edge answers with a plain HTTP 400 instead ({@link #answerable} false).
 */
public final class ScepFailure extends RuntimeException {
    private final FailInfo failInfo;
    private final boolean answerable;

    public ScepFailure(FailInfo failInfo, String message) {
        this(failInfo, message, true);
    }

    private ScepFailure(FailInfo failInfo, String message, boolean answerable) {
        super(message);
        this.failInfo = failInfo;
        this.answerable = answerable;
    }

    /** The message is not a pkiMessage whose signer and transaction could be read: no CertRep can be addressed. */
    public static ScepFailure unanswerable(String message) {
        return new ScepFailure(FailInfo.BAD_REQUEST, message, false);
    }

    public FailInfo failInfo() {
        return failInfo;
    }

    public boolean answerable() {
        return answerable;
    }
}
