package online.hypermesh.trustchain.ct.log;

/**
 * The log cannot take the submission now (HTTP 503): this node does not lead the log, the pool
 * is full, the database failed, or the log is shutting down. The submission was not logged
 * unless a later duplicate submission says otherwise; retrying is safe.
 */
public final class LogUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LogUnavailableException(String message) {
        super(message);
    }

    public LogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
