package online.hypermesh.trustchain.hsm;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.pkcs11.Pkcs11Library;
import online.hypermesh.trustchain.pkcs11.Pkcs11Session;

/**
 * The logged-in sessions of one token pooled in this JVM, for use outside a container (tools and
 * unit tests; a deployment lets WildFly pool them through the resource adapter). At most
 * {@code size} are in use at once (a caller beyond that waits up to {@code borrowTimeout}, then
 * gets UNAVAILABLE). A session is validated when borrowed unless validation is off; a session
 * that fails is dropped. Connecting, faults and reconnecting are the {@link Pkcs11TokenLink}'s.
 */
public final class Pkcs11SessionPool implements Pkcs11Sessions {
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

    private final Pkcs11TokenLink link;
    private final Options options;
    private final Semaphore permits;
    private final BlockingQueue<Pkcs11Session> idle;

    public Pkcs11SessionPool(Pkcs11Library library, String label, char[] pin, String pinSetting, Options options) {
        this.link = new Pkcs11TokenLink(library, label, pin, pinSetting, options.reconnectInterval());
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
        return link.isConnected();
    }

    @Override
    public String describe() {
        return "PKCS#11 token '" + link.label() + "', " + options.size() + " sessions pooled in this JVM";
    }

    @Override
    public <T> T withSession(Function<Pkcs11Session, T> work) {
        link.connect();
        acquire();
        try {
            Pkcs11Session session = borrow();
            boolean[] broken = {false};
            try {
                return link.call(session, work, () -> broken[0] = true);
            } finally {
                if (broken[0]) {
                    link.close(session);
                    dropIdle();
                } else {
                    release(session);
                }
            }
        } finally {
            permits.release();
        }
    }

    private void acquire() {
        try {
            if (!permits.tryAcquire(options.borrowTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw link.busy(options.size(), options.borrowTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrustChainException(ErrorKind.UNAVAILABLE, "interrupted while waiting for a PKCS#11 session");
        }
    }

    private Pkcs11Session borrow() {
        Pkcs11Session session;
        while ((session = idle.poll()) != null) {
            if (!options.validateOnBorrow() || link.isValid(session)) {
                return session;
            }
            link.close(session);
        }
        return link.open();
    }

    private void release(Pkcs11Session session) {
        if (session.generation() != link.library().generation() || !idle.offer(session)) {
            link.close(session);
        }
    }

    /** After a broken session: its siblings share the token's fate, so none is lent again. */
    private void dropIdle() {
        if (!link.isConnected()) {
            Pkcs11Session s;
            while ((s = idle.poll()) != null) {
                link.close(s);
            }
        }
    }
}
