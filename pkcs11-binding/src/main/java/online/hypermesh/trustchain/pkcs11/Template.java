package online.hypermesh.trustchain.pkcs11;

import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * A CK_ATTRIBUTE array (type, pValue, ulValueLen) in native memory. The array holds its value
 * buffers: only the array is an argument of the native call, so JNA keeps only it reachable
 * during the call. Were the buffers held by this template alone, a garbage collection during a
 * long call (an RSA key generation) could free them while the token reads them, and the token
 * would make a key from whatever the freed memory held (say, without its label, not sensitive,
 * allowed to decrypt).
 */
final class Template {
    private static final int ULONG = Native.LONG_SIZE;
    private static final int ENTRY = ULONG + Native.POINTER_SIZE + ULONG;

    private final List<long[]> types = new ArrayList<>();
    private final List<Memory> values = new ArrayList<>();
    private Memory array;

    Template bool(long type, boolean value) {
        Memory m = new Memory(1);
        m.setByte(0, (byte) (value ? 1 : 0));
        return add(type, m);
    }

    Template ulong(long type, long value) {
        Memory m = new Memory(ULONG);
        m.setNativeLong(0, new com.sun.jna.NativeLong(value));
        return add(type, m);
    }

    Template bytes(long type, byte[] value) {
        Memory m = new Memory(Math.max(1, value.length));
        m.write(0, value, 0, value.length);
        types.add(new long[] {type, value.length});
        values.add(m);
        return this;
    }

    /** An attribute to read, with room for {@code length} bytes. */
    Template room(long type, int length) {
        types.add(new long[] {type, length});
        values.add(new Memory(length));
        return this;
    }

    private Template add(long type, Memory m) {
        types.add(new long[] {type, m.size()});
        values.add(m);
        return this;
    }

    Pointer pointer() {
        array = new AttributeArray((long) ENTRY * types.size(), List.copyOf(values));
        for (int i = 0; i < types.size(); i++) {
            long off = (long) ENTRY * i;
            array.setNativeLong(off, new com.sun.jna.NativeLong(types.get(i)[0]));
            array.setPointer(off + ULONG, values.get(i));
            array.setNativeLong(off + ULONG + Native.POINTER_SIZE, new com.sun.jna.NativeLong(types.get(i)[1]));
        }
        return array;
    }

    com.sun.jna.NativeLong count() {
        return new com.sun.jna.NativeLong(types.size());
    }

    /** The value the token wrote into entry {@code i} after C_GetAttributeValue. */
    byte[] value(int i) {
        long len = array.getNativeLong((long) ENTRY * i + ULONG + Native.POINTER_SIZE).longValue();
        return values.get(i).getByteArray(0, (int) len);
    }

    /** Native memory that keeps the value buffers its entries point to alive as long as itself. */
    private static final class AttributeArray extends Memory {
        @SuppressWarnings({"unused", "FieldCanBeLocal"}) // held for reachability, never read
        private final List<Memory> buffers;

        AttributeArray(long size, List<Memory> buffers) {
            super(size);
            this.buffers = buffers;
        }
    }

    static Pointer mechanism(long mechanism) {
        Memory m = new Memory(ENTRY);
        m.clear();
        m.setNativeLong(0, new com.sun.jna.NativeLong(mechanism));
        return m;
    }
}
