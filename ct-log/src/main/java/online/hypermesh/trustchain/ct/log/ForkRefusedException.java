package online.hypermesh.trustchain.ct.log;

/**
 * A batch was built on a tree head that is no longer the latest: another sequencer committed in
 * between. The batch was not written; the sequencer must reload before sequencing again.
 */
public final class ForkRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ForkRefusedException(String message) {
        super(message);
    }
}
