package online.hypermesh.trustchain.sinks.delivery;

/** An event the sink can never take, whatever the retries: it is parked with this message as the reason. */
public final class PoisonEventException extends Exception {
    private static final long serialVersionUID = 1L;

    public PoisonEventException(String reason) {
        super(reason);
    }

    public PoisonEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
