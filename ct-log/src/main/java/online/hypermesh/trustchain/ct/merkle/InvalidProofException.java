package online.hypermesh.trustchain.ct.merkle;

/**
 * A Merkle proof did not verify. The message says which check failed, for logs and for the
 * party that submitted the proof; it is never a reason to accept.
 */
public class InvalidProofException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidProofException(String message) {
        super(message);
    }
}
