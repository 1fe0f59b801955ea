package online.hypermesh.trustchain.bridge.est;

/**
 * A refused EST request: the HTTP status and a text a person can act on (RFC 7030 4.2.3 lets the
 * body be plain text). Only for bad input; nothing has been stored when one is thrown.
 */
public final class EstError extends RuntimeException {
    private final int status;

    public EstError(int status, String message) {
        super(message);
        this.status = status;
    }

    public static EstError badRequest(String message) {
        return new EstError(400, message);
    }

    public int status() {
        return status;
    }
}
