package online.hypermesh.trustchain.ct.log;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import online.hypermesh.trustchain.ct.sct.CertificateTimestampInput;

/**
 * Signs a list of SCT inputs on several threads without ever waiting for work that no thread has
 * started: the inputs are cut into slices, every participant (the caller and any helpers) claims
 * slices with one atomic counter until none are left, and {@link #awaitAll} waits only for slices
 * already claimed by a helper that is still signing them. So it finishes even if no helper ever
 * runs (an executor with one busy thread), and a helper that starts late finds nothing to do.
 * Each output slot is written by the one thread that claimed its slice; {@link #awaitAll}
 * publishes them to the caller (the monitor's happens-before edge).
 */
final class ParallelSigning {
    /** Fewest signatures worth a slice of their own (each costs ~0.1 ms; a hand-off a few µs). */
    static final int MIN_SLICE = 16;

    private final LogSigner signer;
    private final List<CertificateTimestampInput> inputs;
    private final byte[][] out;
    private final int sliceSize;
    private final int slices;
    private final AtomicInteger nextSlice = new AtomicInteger();
    private int finishedSlices;
    private RuntimeException failure;

    ParallelSigning(LogSigner signer, List<CertificateTimestampInput> inputs, byte[][] out, int threads) {
        this.signer = signer;
        this.inputs = inputs;
        this.out = out;
        // A few slices per thread, so a thread slowed by something else holds up little.
        this.sliceSize = Math.max(MIN_SLICE, (inputs.size() + threads * 4 - 1) / (threads * 4));
        this.slices = (inputs.size() + sliceSize - 1) / sliceSize;
    }

    /** Claims and signs slices until none are left. Run by the caller and by each helper. */
    void work() {
        int slice;
        while ((slice = nextSlice.getAndIncrement()) < slices) {
            RuntimeException error = null;
            try {
                int end = Math.min(inputs.size(), (slice + 1) * sliceSize);
                for (int i = slice * sliceSize; i < end; i++) {
                    out[i] = signer.sign(inputs.get(i));
                }
            } catch (RuntimeException e) {
                error = e;
            }
            finished(error);
        }
    }

    private synchronized void finished(RuntimeException error) {
        if (error != null && failure == null) {
            failure = error;
        }
        finishedSlices++;
        if (finishedSlices == slices) {
            notifyAll();
        }
    }

    /**
     * Waits until every slice is signed; call after {@link #work} returned in the caller's thread
     * (then every slice is claimed). Rethrows the first signing failure.
     */
    synchronized void awaitAll() {
        boolean interrupted = false;
        while (finishedSlices < slices) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true; // the claimed slices finish soon; the batch must not be left half signed
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
