package online.hypermesh.trustchain.ct.tls;

/** Input that is not a well-formed TLS structure: truncated, over-long, out of bounds or with bytes left over. */
public final class TlsDecodingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TlsDecodingException(String message) {
        super(message);
    }
}
