package online.hypermesh.trustchain.hsm;

import java.time.Duration;
import java.util.function.Function;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.pkcs11.Ck;
import online.hypermesh.trustchain.pkcs11.Pkcs11Exception;
import online.hypermesh.trustchain.pkcs11.Pkcs11Library;
import online.hypermesh.trustchain.pkcs11.Pkcs11Session;

/**
 * The link to one token of a PKCS#11 library (found by its label): connecting, telling a lost
 * token from a failed call, and reconnecting. Whoever pools the sessions (WildFly through the
 * resource adapter, or {@link Pkcs11SessionPool}) opens them here and runs work through
 * {@link #call}, so both answer faults the same way.
 *
 * <p>Reconnect: the link starts disconnected and connects on first use (so a deployment starts
 * with its HSM unreachable, and reports it). When the token is lost (a call fails and the token no
 * longer answers to its label) the next use reconnects: the library is finalized and initialized
 * again (every session of the earlier initialization is then dead, and a pool's validation drops
 * it), the slot looked up by label. While the token stays unreachable, a reconnect is tried at most
 * once per {@code reconnectInterval}; calls in between fail at once with the last reason.
 */
public final class Pkcs11TokenLink {
    private final Pkcs11Library library;
    private final String label;
    private final char[] pin;
    private final String pinSetting;
    private final Duration reconnectInterval;
    private final Object connecting = new Object();
    /** The slot of the token while connected; -1 when not (yet) connected or lost. */
    private volatile long slot = -1;
    private volatile boolean everConnected;
    private volatile TrustChainException lastFailure;
    private volatile long lastAttempt;

    public Pkcs11TokenLink(Pkcs11Library library, String label, char[] pin, String pinSetting, Duration reconnectInterval) {
        this.library = library;
        this.label = label;
        this.pin = pin.clone();
        this.pinSetting = pinSetting;
        this.reconnectInterval = reconnectInterval;
    }

    public Pkcs11Library library() {
        return library;
    }

    public String label() {
        return label;
    }

    /** Whether the link holds a connection to the token now (it may still find it lost on the next call). */
    public boolean isConnected() {
        return slot >= 0;
    }

    /** The slot of the connected token, connecting first if needed (at most once per reconnect interval while it fails). */
    public long connect() {
        long s = slot;
        if (s >= 0) {
            return s;
        }
        synchronized (connecting) {
            if (slot >= 0) {
                return slot;
            }
            TrustChainException failure = lastFailure;
            if (failure != null && System.nanoTime() - lastAttempt < reconnectInterval.toNanos()) {
                throw new TrustChainException(failure.kind(), failure.getMessage(), null);
            }
            lastAttempt = System.nanoTime();
            try {
                if (everConnected || lastFailure != null) {
                    // A library that lost its token may answer CKR_GENERAL_ERROR until it is initialized afresh.
                    library.reinitialize(library.generation());
                } else {
                    library.initialize();
                }
                long found = library.slotOf(label).orElseThrow(() -> unavailable("the library has no initialized token labelled '" + label + "'"));
                library.shared().lock();
                try {
                    // Logs in now: a wrong PIN shows at connect, not at the first signature.
                    library.open(found, pin).close();
                } finally {
                    library.shared().unlock();
                }
                slot = found;
                everConnected = true;
                lastFailure = null;
                return found;
            } catch (Pkcs11Exception e) {
                lastFailure = e.isPinRejected() ? classify(e) : unavailable(e.getMessage());
                throw lastFailure;
            } catch (TrustChainException e) {
                lastFailure = e;
                throw e;
            }
        }
    }

    /** Opens a logged-in session on the connected token's slot (connecting first if needed). */
    public Pkcs11Session open() {
        long slotNow = connect();
        library.shared().lock();
        try {
            return library.open(slotNow, pin);
        } catch (Pkcs11Exception e) {
            if (!reachable(slotNow)) {
                throw lost(e.getMessage());
            }
            throw classify(e);
        } finally {
            library.shared().unlock();
        }
    }

    /** Whether {@code session} still works: logged in, of the library's current initialization, and the token answers to its label. */
    public boolean isValid(Pkcs11Session session) {
        long slotNow = slot;
        library.shared().lock();
        try {
            return slotNow >= 0 && session.isValid() && reachable(slotNow);
        } finally {
            library.shared().unlock();
        }
    }

    /**
     * Runs {@code work} on {@code session} inside the library's shared lock. When the failure leaves
     * the session unusable (a PKCS#11 error, or the token gone), {@code broken} runs before it is
     * thrown, so that the pool drops the session instead of lending it again.
     */
    public <T> T call(Pkcs11Session session, Function<Pkcs11Session, T> work, Runnable broken) {
        long slotNow = slot;
        library.shared().lock();
        try {
            return work.apply(session);
        } catch (Pkcs11Exception e) {
            broken.run();
            if (slotNow < 0 || !reachable(slotNow)) {
                throw lost(e.getMessage());
            }
            throw classify(e);
        } catch (TrustChainException e) {
            // A token that vanished finds no keys: that is an outage, not a missing key.
            if (e.kind() == ErrorKind.NOT_FOUND && (slotNow < 0 || !reachable(slotNow))) {
                broken.run();
                throw lost("the token stopped answering to its label");
            }
            throw e;
        } finally {
            library.shared().unlock();
        }
    }

    /** Closes {@code session} inside the shared lock, so that no reinitialization can slip between its generation check and the close. */
    public void close(Pkcs11Session session) {
        library.shared().lock();
        try {
            session.close();
        } finally {
            library.shared().unlock();
        }
    }

    /** Whether the token in {@code slotNow} still answers with its label (C_GetTokenInfo: signs nothing). Caller holds the shared lock. */
    private boolean reachable(long slotNow) {
        try {
            return library.isInitialized() && label.equals(library.tokenLabel(slotNow));
        } catch (Pkcs11Exception e) {
            return false;
        }
    }

    /** Marks the token lost: the next use reconnects. */
    private TrustChainException lost(String reason) {
        slot = -1;
        TrustChainException e = unavailable(reason);
        lastFailure = e;
        lastAttempt = System.nanoTime();
        return e;
    }

    /** The error a caller gets when no session could be had in time. */
    public TrustChainException busy(int sessions, Duration waited) {
        return new TrustChainException(ErrorKind.UNAVAILABLE, "all " + sessions + " sessions of the PKCS#11 token '" + label
                + "' stayed busy for " + waited.toMillis() / 1000.0 + " s; retry later");
    }

    private TrustChainException unavailable(String reason) {
        return new TrustChainException(ErrorKind.UNAVAILABLE, "the HSM is unavailable: the PKCS#11 token '" + label + "' of "
                + library.path() + " cannot be reached (" + reason + "); retry later");
    }

    private TrustChainException classify(Pkcs11Exception e) {
        if (e.isPinRejected()) {
            return new TrustChainException(ErrorKind.INTERNAL, "the PKCS#11 token '" + label + "' refused the PIN (" + Ck.name(e.returnValue())
                    + "): check the setting " + pinSetting, null);
        }
        if (e.isDeviceLost()) {
            return unavailable(e.getMessage());
        }
        return TrustChainException.internal("the PKCS#11 token failed: " + e.getMessage(), e);
    }
}
