package online.hypermesh.trustchain.sinks.delivery;

import java.io.IOException;

/**
 * Thrown by {@link EventSink#send} when the receiver refused one event of the batch for good (a
 * directory's schema or constraint violation, say), as opposed to being unreachable: the events
 * before it were taken, this one never will be. The delivery parks it as a dead letter with the
 * reason and goes on with the rest, so one bad event does not hold the sink up.
 */
public final class RefusedEventException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int index;

    /** @param index the refused event's position in the batch handed to {@code send} */
    public RefusedEventException(int index, String reason, Throwable cause) {
        super(reason, cause);
        this.index = index;
    }

    public int index() {
        return index;
    }
}
