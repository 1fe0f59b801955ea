package online.hypermesh.trustchain.ct.log;

/** A read request the log cannot answer as asked (HTTP 400): a range out of bounds, an unknown hash, a malformed parameter. */
public final class InvalidLogRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidLogRequestException(String message) {
        super(message);
    }
}
