package online.hypermesh.trustchain.pkcs11;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.OptionalLong;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.NativeLongByReference;

/**
 * One logged-in PKCS#11 session. Not thread-safe (PKCS#11 sessions are not): one caller at a
 * time, which the token's pool guarantees. Private keys stay in the token as handles; only
 * public values and signatures cross into the JVM.
 */
public final class Pkcs11Session implements AutoCloseable {
    // DER OIDs of the named curves (CKA_EC_PARAMS): secp256r1 1.2.840.10045.3.1.7, secp384r1 1.3.132.0.34.
    private static final byte[] P256 = {0x06, 0x08, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x03, 0x01, 0x07};
    private static final byte[] P384 = {0x06, 0x05, 0x2B, (byte) 0x81, 0x04, 0x00, 0x22};

    private final Pkcs11Library library;
    private final NativeLong handle;
    private final long generation;
    private boolean closed;

    Pkcs11Session(Pkcs11Library library, NativeLong handle, long generation) {
        this.library = library;
        this.handle = handle;
        this.generation = generation;
    }

    /** The library's initialization this session belongs to: after a reinitialization it is dead. */
    public long generation() {
        return generation;
    }

    /** Whether the session still exists and is logged in (a validation that signs nothing). */
    public boolean isValid() {
        if (closed || generation != library.generation()) {
            return false;
        }
        Memory info = new Memory(4L * com.sun.jna.Native.LONG_SIZE);
        if (library.ck().C_GetSessionInfo(handle, info).longValue() != Ck.CKR_OK) {
            return false;
        }
        return info.getNativeLong(com.sun.jna.Native.LONG_SIZE).longValue() == Ck.CKS_RW_USER_FUNCTIONS;
    }

    /**
     * Generates a token key pair labelled {@code label}: "RSA" with {@code bits}, or "EC" on
     * secp256r1/secp384r1. The private key is sensitive, never extractable, and can only sign.
     */
    public PublicKey generate(String label, String algorithm, int bits, String curve) {
        byte[] id = label.getBytes(StandardCharsets.UTF_8);
        // Signing keys and nothing else: a token's defaults (SoftHSM2 sets unwrap) must not make a CA key a key-transport key.
        Template pub = new Template().bool(Ck.CKA_TOKEN, true).bool(Ck.CKA_VERIFY, true).bool(Ck.CKA_ENCRYPT, false).bool(Ck.CKA_WRAP, false)
                .bytes(Ck.CKA_LABEL, id).bytes(Ck.CKA_ID, id);
        Template priv = new Template().bool(Ck.CKA_TOKEN, true).bool(Ck.CKA_PRIVATE, true).bool(Ck.CKA_SENSITIVE, true)
                .bool(Ck.CKA_EXTRACTABLE, false).bool(Ck.CKA_SIGN, true).bool(Ck.CKA_DECRYPT, false).bool(Ck.CKA_UNWRAP, false).bool(Ck.CKA_DERIVE, false)
                .bytes(Ck.CKA_LABEL, id).bytes(Ck.CKA_ID, id);
        long mechanism;
        if ("RSA".equals(algorithm)) {
            pub.ulong(Ck.CKA_MODULUS_BITS, bits).bytes(Ck.CKA_PUBLIC_EXPONENT, new byte[] {1, 0, 1});
            mechanism = Ck.CKM_RSA_PKCS_KEY_PAIR_GEN;
        } else {
            pub.bytes(Ck.CKA_EC_PARAMS, curveOid(curve));
            mechanism = Ck.CKM_EC_KEY_PAIR_GEN;
        }
        NativeLongByReference pubHandle = new NativeLongByReference();
        NativeLongByReference privHandle = new NativeLongByReference();
        Pkcs11Library.check("C_GenerateKeyPair", library.ck().C_GenerateKeyPair(handle, Template.mechanism(mechanism), pub.pointer(),
                pub.count(), priv.pointer(), priv.count(), pubHandle, privHandle));
        return publicKey(pubHandle.getValue().longValue(), algorithm, curve);
    }

    /** The handle of the object of class {@code objectClass} labelled {@code label}, if any. */
    public OptionalLong find(long objectClass, String label) {
        Template t = new Template().ulong(Ck.CKA_CLASS, objectClass).bytes(Ck.CKA_LABEL, label.getBytes(StandardCharsets.UTF_8));
        Pkcs11Library.check("C_FindObjectsInit", library.ck().C_FindObjectsInit(handle, t.pointer(), t.count()));
        try {
            long[] found = new long[1];
            NativeLongByReference count = new NativeLongByReference();
            Pkcs11Library.check("C_FindObjects", library.ck().C_FindObjects(handle, found, new NativeLong(1), count));
            return count.getValue().longValue() == 0 ? OptionalLong.empty() : OptionalLong.of(found[0]);
        } finally {
            library.ck().C_FindObjectsFinal(handle);
        }
    }

    public OptionalLong findPrivateKey(String label) {
        return find(Ck.CKO_PRIVATE_KEY, label);
    }

    /** The public key labelled {@code label}, or null. */
    public PublicKey publicKey(String label) {
        OptionalLong h = find(Ck.CKO_PUBLIC_KEY, label);
        if (h.isEmpty()) {
            return null;
        }
        Template type = new Template().room(Ck.CKA_KEY_TYPE, com.sun.jna.Native.LONG_SIZE);
        Pkcs11Library.check("C_GetAttributeValue", library.ck().C_GetAttributeValue(handle, new NativeLong(h.getAsLong()), type.pointer(),
                type.count()));
        boolean rsa = new BigInteger(1, reverse(type.value(0))).longValue() == 0;
        if (rsa) {
            return publicKey(h.getAsLong(), "RSA", null);
        }
        Template params = new Template().room(Ck.CKA_EC_PARAMS, 64);
        Pkcs11Library.check("C_GetAttributeValue", library.ck().C_GetAttributeValue(handle, new NativeLong(h.getAsLong()),
                params.pointer(), params.count()));
        return publicKey(h.getAsLong(), "EC", Arrays.equals(params.value(0), P384) ? "secp384r1" : "secp256r1");
    }

    /** Reads back the boolean attribute {@code type} of a private key (for checks and tests). */
    public boolean privateKeyFlag(String label, long type) {
        long h = findPrivateKey(label).orElseThrow();
        Template t = new Template().room(type, 1);
        Pkcs11Library.check("C_GetAttributeValue", library.ck().C_GetAttributeValue(handle, new NativeLong(h), t.pointer(), t.count()));
        return t.value(0)[0] != 0;
    }

    /**
     * Signs with the private key {@code key}: "SHA256withRSA" as CKM_SHA256_RSA_PKCS, the ECDSA
     * algorithms by hashing here and CKM_ECDSA in the token (r||s, returned as DER).
     */
    public byte[] sign(long key, String jcaAlgorithm, byte[] data) {
        byte[] input;
        long mechanism;
        boolean ecdsa = jcaAlgorithm.endsWith("withECDSA");
        if (ecdsa) {
            try {
                input = MessageDigest.getInstance(jcaAlgorithm.startsWith("SHA384") ? "SHA-384" : "SHA-256").digest(data);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            mechanism = Ck.CKM_ECDSA;
        } else if ("SHA256withRSA".equals(jcaAlgorithm)) {
            input = data;
            mechanism = Ck.CKM_SHA256_RSA_PKCS;
        } else {
            throw new IllegalArgumentException("unsupported signature algorithm " + jcaAlgorithm);
        }
        Pkcs11Library.check("C_SignInit", library.ck().C_SignInit(handle, Template.mechanism(mechanism), new NativeLong(key)));
        byte[] out = new byte[1024];
        NativeLongByReference len = new NativeLongByReference(new NativeLong(out.length));
        Pkcs11Library.check("C_Sign", library.ck().C_Sign(handle, input, new NativeLong(input.length), out, len));
        byte[] raw = Arrays.copyOf(out, (int) len.getValue().longValue());
        return ecdsa ? derSignature(raw) : raw;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            // A handle of an earlier initialization is gone with it, and its number may be reused.
            if (generation == library.generation()) {
                library.ck().C_CloseSession(handle);
            }
        }
    }

    private PublicKey publicKey(long h, String algorithm, String curve) {
        try {
            if ("RSA".equals(algorithm)) {
                Template t = new Template().room(Ck.CKA_MODULUS, 1024).room(Ck.CKA_PUBLIC_EXPONENT, 16);
                Pkcs11Library.check("C_GetAttributeValue", library.ck().C_GetAttributeValue(handle, new NativeLong(h), t.pointer(), t.count()));
                return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(new BigInteger(1, t.value(0)), new BigInteger(1, t.value(1))));
            }
            Template t = new Template().room(Ck.CKA_EC_POINT, 256);
            Pkcs11Library.check("C_GetAttributeValue", library.ck().C_GetAttributeValue(handle, new NativeLong(h), t.pointer(), t.count()));
            byte[] point = t.value(0);
            // CKA_EC_POINT is the DER OCTET STRING around the uncompressed point 04 || X || Y.
            int size = "secp384r1".equals(curve) ? 48 : 32;
            // Some libraries return the bare point; most (and the standard) the OCTET STRING.
            int off = point.length == 1 + 2 * size ? 0 : (point[1] & 0x80) == 0 ? 2 : 2 + (point[1] & 0x7F);
            BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, off + 1, off + 1 + size));
            BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, off + 1 + size, off + 1 + 2 * size));
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec(curve));
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), params.getParameterSpec(ECParameterSpec.class)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the token returned an unusable public key", e);
        }
    }

    private static byte[] curveOid(String curve) {
        return switch (curve) {
            case "secp256r1" -> P256;
            case "secp384r1" -> P384;
            default -> throw new IllegalArgumentException("unsupported curve " + curve);
        };
    }

    private static byte[] reverse(byte[] littleEndian) {
        byte[] r = littleEndian.clone();
        for (int i = 0; i < r.length / 2; i++) {
            byte b = r[i];
            r[i] = r[r.length - 1 - i];
            r[r.length - 1 - i] = b;
        }
        return r;
    }

    /** r||s (PKCS#11 ECDSA) to the DER SEQUENCE { INTEGER r, INTEGER s } of X.509 (RFC 3279 2.2.3). */
    public static byte[] derSignature(byte[] raw) {
        int n = raw.length / 2;
        byte[] r = new BigInteger(1, Arrays.copyOfRange(raw, 0, n)).toByteArray();
        byte[] s = new BigInteger(1, Arrays.copyOfRange(raw, n, raw.length)).toByteArray();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0x02);
        body.write(r.length);
        body.writeBytes(r);
        body.write(0x02);
        body.write(s.length);
        body.writeBytes(s);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        if (body.size() > 127) {
            out.write(0x81);
        }
        out.write(body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }
}
