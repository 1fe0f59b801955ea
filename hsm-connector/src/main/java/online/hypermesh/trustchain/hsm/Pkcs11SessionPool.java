package online.hypermesh.trustchain.hsm;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.pkcs11.Ck;
import online.hypermesh.trustchain.pkcs11.Pkcs11Exception;
import online.hypermesh.trustchain.pkcs11.Pkcs11Library;
import online.hypermesh.trustchain.pkcs11.Pkcs11Session;

/**
 * The logged-in sessions of one token, at most {@code size} of them in use at once (a caller
 * beyond that waits up to {@code borrowTimeout}, then gets UNAVAILABLE). A session is validated
 * when borrowed (it still exists and is logged in, and the token still answers to its label),
 * unless validation is off; a session that fails is dropped.
 *
 * <p>Reconnect: the pool starts disconnected and connects on first use (so a deployment starts
 * with its HSM unreachable, and reports it). When the token is lost (a call fails and the token no
 * longer answers to its label), every session is dropped and the next use reconnects: the library
 * is finalized and initialized again, the slot looked up by label, a session opened and logged
 * in. While the token stays unreachable, a reconnect is tried at most once per
 * {@code reconnectInterval}; calls in between fail at once with the last reason.
 */
public final class Pkcs11SessionPool {
    /** Pool size, validation on borrow, the least time between reconnect attempts, and the longest wait for a free session. */
    public record Options(int size, boolean validateOnBorrow, Duration reconnectInterval, Duration borrowTimeout) {
        public Options {
            if (size < 1) {
                throw new IllegalArgumentException("a pool needs at least one session");
            }
        }

        public static Options defaults(int size) {
            return new Options(size, true, Duration.ofSeconds(1), Duration.ofSeconds(10));
        }
    }

    private final Pkcs11Library library;
    private final String label;
    private final char[] pin;
    private final String pinSetting;
    private final Options options;
    private final Semaphore permits;
    private final BlockingQueue<Pkcs11Session> idle;
    private final Object connecting = new Object();
    /** The slot of the token while connected; -1 when not (yet) connected or lost. */
    private volatile long slot = -1;
    private volatile boolean everConnected;
    private volatile TrustChainException lastFailure;
    private volatile long lastAttempt;

    public Pkcs11SessionPool(Pkcs11Library library, String label, char[] pin, String pinSetting, Options options) {
        this.library = library;
        this.label = label;
        this.pin = pin.clone();
        this.pinSetting = pinSetting;
        this.options = options;
        this.permits = new Semaphore(options.size(), true);
        this.idle = new ArrayBlockingQueue<>(options.size());
    }

    public Options options() {
        return options;
    }

    /** Sessions open and idle now (for reports and tests). */
    public int idleSessions() {
        return idle.size();
    }

    /** Whether the pool holds a connection to the token now (it may still find it lost on the next call). */
    public boolean isConnected() {
        return slot >= 0;
    }

    /**
     * Runs {@code work} on a validated session. A PKCS#11 failure, or a key not found, while the
     * token no longer answers is UNAVAILABLE (503) and marks the token lost; a refused PIN is an
     * error naming the PIN setting; anything else is the work's own error.
     */
    public <T> T withSession(Function<Pkcs11Session, T> work) {
        long slotNow = connect();
        acquire();
        try {
            library.shared().lock();
            try {
                Pkcs11Session session = borrow(slotNow);
                try {
                    T result = work.apply(session);
                    release(session);
                    return result;
                } catch (Pkcs11Exception e) {
                    session.close();
                    if (!reachable(slotNow)) {
                        throw lost(e.getMessage());
                    }
                    throw classify(e);
                } catch (TrustChainException e) {
                    // A token that vanished finds no keys: that is an outage, not a missing key.
                    if (e.kind() == ErrorKind.NOT_FOUND && !reachable(slotNow)) {
                        session.close();
                        throw lost("the token stopped answering to its label");
                    }
                    release(session);
                    throw e;
                } catch (RuntimeException e) {
                    release(session);
                    throw e;
                }
            } finally {
                library.shared().unlock();
            }
        } finally {
            permits.release();
        }
    }

    /** Connects if needed and validates one session: throws what a signature would throw now. */
    public void check() {
        withSession(s -> null);
    }

    private void acquire() {
        try {
            if (!permits.tryAcquire(options.borrowTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TrustChainException(ErrorKind.UNAVAILABLE, "all " + options.size() + " sessions of the PKCS#11 token '" + label
                        + "' stayed busy for " + options.borrowTimeout().toSeconds() + " s; retry later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrustChainException(ErrorKind.UNAVAILABLE, "interrupted while waiting for a PKCS#11 session");
        }
    }

    /** Under the library's shared lock. */
    private Pkcs11Session borrow(long slotNow) {
        if (options.validateOnBorrow() && !reachable(slotNow)) {
            throw lost("the token no longer answers to its label");
        }
        Pkcs11Session session;
        while ((session = idle.poll()) != null) {
            if (!options.validateOnBorrow() || session.isValid()) {
                return session;
            }
            session.close();
        }
        try {
            return library.open(slotNow, pin);
        } catch (Pkcs11Exception e) {
            if (!reachable(slotNow)) {
                throw lost(e.getMessage());
            }
            throw classify(e);
        }
    }

    private void release(Pkcs11Session session) {
        if (session.generation() != library.generation() || !idle.offer(session)) {
            session.close();
        }
    }

    /** Whether the token in {@code slotNow} still answers with its label (C_GetTokenInfo: signs nothing). */
    private boolean reachable(long slotNow) {
        try {
            return library.isInitialized() && label.equals(library.tokenLabel(slotNow));
        } catch (Pkcs11Exception e) {
            return false;
        }
    }

    /** Marks the token lost: its sessions are dropped, and the next call reconnects. */
    private TrustChainException lost(String reason) {
        slot = -1;
        Pkcs11Session s;
        while ((s = idle.poll()) != null) {
            s.close();
        }
        TrustChainException e = unavailable(reason);
        lastFailure = e;
        lastAttempt = System.nanoTime();
        return e;
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

    /** The slot of a connected token, connecting first if needed (at most once per reconnect interval while it fails). */
    private long connect() {
        long s = slot;
        if (s >= 0) {
            return s;
        }
        synchronized (connecting) {
            if (slot >= 0) {
                return slot;
            }
            TrustChainException failure = lastFailure;
            if (failure != null && System.nanoTime() - lastAttempt < options.reconnectInterval().toNanos()) {
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
                    Pkcs11Session first = library.open(found, pin);
                    if (!idle.offer(first)) {
                        first.close();
                    }
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
}
