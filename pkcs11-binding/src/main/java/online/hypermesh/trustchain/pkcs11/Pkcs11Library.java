package online.hypermesh.trustchain.pkcs11;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.NativeLongByReference;

/**
 * One loaded PKCS#11 library. A library is loaded once per process (unloading it under open
 * sessions crashes), so instances are kept here for the life of the JVM, keyed by path; callers
 * own sessions, never the library.
 *
 * <p>Initialization is separate from loading and can be repeated: a library whose token went
 * away (SoftHSM2's token directory moved, a CloudHSM cluster unreachable) may keep answering
 * CKR_GENERAL_ERROR until it is finalized and initialized again, which is what a reconnect does.
 * Every call into the library holds {@link #shared()}; {@link #reinitialize()} takes the lock
 * exclusively, so C_Finalize never runs under another thread's call. Sessions remember the
 * {@link #generation()} they were opened in: a handle of an older generation is dead and must not
 * be closed (the number may already name a session of the new one).
 */
public final class Pkcs11Library {
    private static final Map<String, Pkcs11Library> LOADED = new ConcurrentHashMap<>();

    private final String path;
    private final Cryptoki ck;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean initialized;
    private volatile long generation;

    private Pkcs11Library(String path) {
        this.path = path;
        this.ck = Native.load(path, Cryptoki.class);
    }

    /** The library at {@code path}, loaded on first use (not yet initialized: see {@link #initialize()}). */
    public static Pkcs11Library load(String path) {
        return LOADED.computeIfAbsent(path, Pkcs11Library::new);
    }

    public String path() {
        return path;
    }

    Cryptoki ck() {
        return ck;
    }

    /** Held (shared) by every call into the library; exclusively by {@link #reinitialize()}. */
    public Lock shared() {
        return lock.readLock();
    }

    public long generation() {
        return generation;
    }

    public boolean isInitialized() {
        return initialized;
    }

    /** C_Initialize once; a no-op when initialized. Throws Pkcs11Exception when the library refuses (the token is unreachable). */
    public void initialize() {
        if (initialized) {
            return;
        }
        lock.writeLock().lock();
        try {
            if (!initialized) {
                callInitialize();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * C_Finalize and C_Initialize again, once no other thread is inside the library: every session
     * of the earlier generation is gone. {@code seenGeneration} is the generation the caller found
     * broken; if another thread already reinitialized since, nothing is done.
     */
    public void reinitialize(long seenGeneration) {
        lock.writeLock().lock();
        try {
            if (generation != seenGeneration && initialized) {
                return;
            }
            if (initialized) {
                initialized = false;
                generation++;
                ck.C_Finalize(null);
            }
            callInitialize();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void callInitialize() {
        // CK_C_INITIALIZE_ARGS with no mutex callbacks and CKF_OS_LOCKING_OK: sessions are used from many threads.
        Memory args = new Memory(4L * Native.POINTER_SIZE + Native.LONG_SIZE + Native.POINTER_SIZE);
        args.clear();
        args.setNativeLong(4L * Native.POINTER_SIZE, new NativeLong(Ck.CKF_OS_LOCKING_OK));
        long rv = ck.C_Initialize(args).longValue();
        if (rv != Ck.CKR_OK && rv != Ck.CKR_CRYPTOKI_ALREADY_INITIALIZED) {
            throw new Pkcs11Exception("C_Initialize(" + path + ")", rv);
        }
        initialized = true;
    }

    /** The slot holding the initialized token labelled {@code label}; empty if none. Initializes the library first. */
    public OptionalLong slotOf(String label) {
        initialize();
        shared().lock();
        try {
            NativeLongByReference count = new NativeLongByReference();
            check("C_GetSlotList", ck.C_GetSlotList((byte) 1, null, count));
            long[] slots = new long[(int) count.getValue().longValue()];
            if (slots.length == 0) {
                return OptionalLong.empty();
            }
            check("C_GetSlotList", ck.C_GetSlotList((byte) 1, slots, count));
            for (int i = 0; i < count.getValue().longValue(); i++) {
                if (label.equals(tokenLabel(slots[i]))) {
                    return OptionalLong.of(slots[i]);
                }
            }
            return OptionalLong.empty();
        } finally {
            shared().unlock();
        }
    }

    /** The label of the token in {@code slot}; throws Pkcs11Exception when the token cannot be reached. Caller holds {@link #shared()}. */
    public String tokenLabel(long slot) {
        Memory info = new Memory(512);
        info.clear();
        check("C_GetTokenInfo", ck.C_GetTokenInfo(new NativeLong(slot), info));
        // CK_TOKEN_INFO starts with the label, 32 bytes padded with blanks.
        return new String(info.getByteArray(0, 32), StandardCharsets.UTF_8).stripTrailing();
    }

    /** Opens a read-write session on {@code slot} and logs the user in with {@code pin}. Caller holds {@link #shared()}. */
    public Pkcs11Session open(long slot, char[] pin) {
        NativeLongByReference handle = new NativeLongByReference();
        check("C_OpenSession", ck.C_OpenSession(new NativeLong(slot), new NativeLong(Ck.CKF_SERIAL_SESSION | Ck.CKF_RW_SESSION),
                null, null, handle));
        Pkcs11Session session = new Pkcs11Session(this, handle.getValue(), generation);
        byte[] pinBytes = new String(pin).getBytes(StandardCharsets.UTF_8);
        try {
            long rv = ck.C_Login(handle.getValue(), new NativeLong(Ck.CKU_USER), pinBytes, new NativeLong(pinBytes.length)).longValue();
            // Login is per application, not per session: the second session finds the user logged in.
            if (rv != Ck.CKR_OK && rv != Ck.CKR_USER_ALREADY_LOGGED_IN) {
                session.close();
                throw new Pkcs11Exception("C_Login", rv);
            }
            return session;
        } finally {
            java.util.Arrays.fill(pinBytes, (byte) 0);
        }
    }

    static void check(String function, NativeLong rv) {
        if (rv.longValue() != Ck.CKR_OK) {
            throw new Pkcs11Exception(function, rv.longValue());
        }
    }
}
