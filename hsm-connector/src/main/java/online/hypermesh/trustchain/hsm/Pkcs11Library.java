package online.hypermesh.trustchain.hsm;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.NativeLongByReference;

/**
 * One loaded and initialized PKCS#11 library. A library is initialized once per process
 * (C_Initialize twice is an error, and unloading it under open sessions crashes), so instances
 * are kept here for the life of the JVM, keyed by path; callers own sessions, never the library.
 */
public final class Pkcs11Library {
    private static final Map<String, Pkcs11Library> LOADED = new ConcurrentHashMap<>();

    private final String path;
    private final Cryptoki ck;

    private Pkcs11Library(String path) {
        this.path = path;
        this.ck = Native.load(path, Cryptoki.class);
        // CK_C_INITIALIZE_ARGS with no mutex callbacks and CKF_OS_LOCKING_OK: sessions are used from many threads.
        Memory args = new Memory(4L * Native.POINTER_SIZE + Native.LONG_SIZE + Native.POINTER_SIZE);
        args.clear();
        args.setNativeLong(4L * Native.POINTER_SIZE, new NativeLong(Ck.CKF_OS_LOCKING_OK));
        long rv = ck.C_Initialize(args).longValue();
        if (rv != Ck.CKR_OK && rv != Ck.CKR_CRYPTOKI_ALREADY_INITIALIZED) {
            throw new Pkcs11Exception("C_Initialize(" + path + ")", rv);
        }
    }

    /** The library at {@code path}, loaded and initialized on first use. */
    public static Pkcs11Library load(String path) {
        return LOADED.computeIfAbsent(path, Pkcs11Library::new);
    }

    public String path() {
        return path;
    }

    Cryptoki ck() {
        return ck;
    }

    /** The slot holding the initialized token labelled {@code label}; empty if none. */
    public java.util.OptionalLong slotOf(String label) {
        NativeLongByReference count = new NativeLongByReference();
        check("C_GetSlotList", ck.C_GetSlotList((byte) 1, null, count));
        long[] slots = new long[(int) count.getValue().longValue()];
        if (slots.length == 0) {
            return java.util.OptionalLong.empty();
        }
        check("C_GetSlotList", ck.C_GetSlotList((byte) 1, slots, count));
        for (int i = 0; i < count.getValue().longValue(); i++) {
            Memory info = new Memory(512);
            info.clear();
            check("C_GetTokenInfo", ck.C_GetTokenInfo(new NativeLong(slots[i]), info));
            // CK_TOKEN_INFO starts with the label, 32 bytes padded with blanks.
            String tokenLabel = new String(info.getByteArray(0, 32), StandardCharsets.UTF_8).stripTrailing();
            if (tokenLabel.equals(label)) {
                return java.util.OptionalLong.of(slots[i]);
            }
        }
        return java.util.OptionalLong.empty();
    }

    /** Opens a read-write session on {@code slot} and logs the user in with {@code pin}. */
    public Pkcs11Session open(long slot, char[] pin) {
        NativeLongByReference handle = new NativeLongByReference();
        check("C_OpenSession", ck.C_OpenSession(new NativeLong(slot), new NativeLong(Ck.CKF_SERIAL_SESSION | Ck.CKF_RW_SESSION),
                null, null, handle));
        Pkcs11Session session = new Pkcs11Session(this, handle.getValue());
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
