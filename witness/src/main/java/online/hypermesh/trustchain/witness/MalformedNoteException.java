package online.hypermesh.trustchain.witness;

/** Text that is not a well-formed signed note, checkpoint or add-checkpoint request (HTTP 400). */
public final class MalformedNoteException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedNoteException(String message) {
        super(message);
    }
}
