package online.hypermesh.trustchain.ct.submit;

/** A submission the log refuses (RFC 6962: HTTP 400); the message says what was wrong. Nothing was logged. */
public final class RejectedSubmissionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RejectedSubmissionException(String message) {
        super(message);
    }

    public RejectedSubmissionException(String message, Throwable cause) {
        super(message, cause);
    }
}
