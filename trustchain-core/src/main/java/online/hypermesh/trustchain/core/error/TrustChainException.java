package online.hypermesh.trustchain.core.error;

/**
 * The single exception type that crosses layers. The detail is written for the person who
 * sent the request: it says what was wrong and, where possible, what to do instead. It must
 * never contain secrets.
 */
public class TrustChainException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;

    public TrustChainException(ErrorKind kind, String detail) {
        super(detail);
        this.kind = kind;
    }

    public TrustChainException(ErrorKind kind, String detail, Throwable cause) {
        super(detail, cause);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }

    public String detail() {
        return getMessage();
    }

    /** The first TrustChainException in {@code e}'s cause chain (containers wrap what beans throw), or null. */
    public static TrustChainException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TrustChainException tce) {
                return tce;
            }
        }
        return null;
    }

    public static TrustChainException malformed(String detail) {
        return new TrustChainException(ErrorKind.MALFORMED_REQUEST, detail);
    }

    public static TrustChainException badName(String detail) {
        return new TrustChainException(ErrorKind.BAD_NAME, detail);
    }

    public static TrustChainException policy(String detail) {
        return new TrustChainException(ErrorKind.POLICY_VIOLATION, detail);
    }

    public static TrustChainException notFound(String detail) {
        return new TrustChainException(ErrorKind.NOT_FOUND, detail);
    }

    public static TrustChainException internal(String detail, Throwable cause) {
        return new TrustChainException(ErrorKind.INTERNAL, detail, cause);
    }
}
