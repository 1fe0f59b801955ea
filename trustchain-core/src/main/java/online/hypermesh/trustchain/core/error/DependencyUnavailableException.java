package online.hypermesh.trustchain.core.error;

/**
 * A dependency (the database) cannot be reached: the request changed nothing and may succeed
 * later. Edges answer 503 with {@code Retry-After}, and log the outage through {@link OutageLog}
 * instead of a stack trace per request.
 */
public class DependencyUnavailableException extends TrustChainException {
    private static final long serialVersionUID = 1L;

    /** Seconds a client should wait before retrying: a restarted PostgreSQL is usually back within that. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private final String dependency;
    private final String reason;

    public DependencyUnavailableException(String dependency, String reason, Throwable cause) {
        super(ErrorKind.UNAVAILABLE, "the " + dependency + " is unavailable at the moment; nothing was changed, retry in "
                + RETRY_AFTER_SECONDS + " s", cause);
        this.dependency = dependency;
        this.reason = reason;
    }

    /** What is unavailable, e.g. "database"; also the name of the failing health check. */
    public String dependency() {
        return dependency;
    }

    /** Why, for the operator's log (SQLState and driver message, never a stack trace); not for clients. */
    public String reason() {
        return reason;
    }

    public int retryAfterSeconds() {
        return RETRY_AFTER_SECONDS;
    }
}
