package online.hypermesh.trustchain.pkcs11;

/** PKCS#11 v2.40 constants (pkcs11t.h) the token uses. */
public final class Ck {
    static final long CKR_OK = 0x0;
    static final long CKR_GENERAL_ERROR = 0x5;
    static final long CKR_DEVICE_ERROR = 0x30;
    static final long CKR_DEVICE_MEMORY = 0x31;
    static final long CKR_DEVICE_REMOVED = 0x32;
    static final long CKR_PIN_INCORRECT = 0xA0;
    static final long CKR_PIN_LEN_RANGE = 0xA2;
    static final long CKR_PIN_LOCKED = 0xA4;
    static final long CKR_SESSION_CLOSED = 0xB0;
    static final long CKR_SESSION_HANDLE_INVALID = 0xB3;
    static final long CKR_TOKEN_NOT_PRESENT = 0xE0;
    static final long CKR_USER_ALREADY_LOGGED_IN = 0x100;
    static final long CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191;
    static final long CKR_CRYPTOKI_NOT_INITIALIZED = 0x190;

    static final long CKF_RW_SESSION = 0x2;
    static final long CKF_SERIAL_SESSION = 0x4;
    static final long CKF_OS_LOCKING_OK = 0x2;
    static final long CKU_USER = 1;
    static final long CKS_RW_USER_FUNCTIONS = 3;

    static final long CKA_CLASS = 0x0;
    static final long CKA_TOKEN = 0x1;
    static final long CKA_PRIVATE = 0x2;
    static final long CKA_LABEL = 0x3;
    static final long CKA_KEY_TYPE = 0x100;
    static final long CKA_ID = 0x102;
    static final long CKA_SENSITIVE = 0x103;
    static final long CKA_ENCRYPT = 0x104;
    static final long CKA_DECRYPT = 0x105;
    static final long CKA_WRAP = 0x106;
    static final long CKA_UNWRAP = 0x107;
    static final long CKA_SIGN = 0x108;
    static final long CKA_VERIFY = 0x10A;
    static final long CKA_DERIVE = 0x10C;
    static final long CKA_MODULUS = 0x120;
    static final long CKA_MODULUS_BITS = 0x121;
    static final long CKA_PUBLIC_EXPONENT = 0x122;
    static final long CKA_EXTRACTABLE = 0x162;
    static final long CKA_EC_PARAMS = 0x180;
    static final long CKA_EC_POINT = 0x181;

    static final long CKO_PUBLIC_KEY = 2;
    static final long CKO_PRIVATE_KEY = 3;

    static final long CKM_RSA_PKCS_KEY_PAIR_GEN = 0x0;
    static final long CKM_SHA256_RSA_PKCS = 0x40;
    static final long CKM_EC_KEY_PAIR_GEN = 0x1040;
    static final long CKM_ECDSA = 0x1041;

    private Ck() {
    }

    public static String name(long rv) {
        if (rv == CKR_PIN_INCORRECT) {
            return "CKR_PIN_INCORRECT";
        } else if (rv == CKR_PIN_LOCKED) {
            return "CKR_PIN_LOCKED";
        } else if (rv == CKR_PIN_LEN_RANGE) {
            return "CKR_PIN_LEN_RANGE";
        } else if (rv == CKR_DEVICE_REMOVED) {
            return "CKR_DEVICE_REMOVED";
        } else if (rv == CKR_DEVICE_ERROR) {
            return "CKR_DEVICE_ERROR";
        } else if (rv == CKR_TOKEN_NOT_PRESENT) {
            return "CKR_TOKEN_NOT_PRESENT";
        } else if (rv == CKR_SESSION_HANDLE_INVALID) {
            return "CKR_SESSION_HANDLE_INVALID";
        } else if (rv == CKR_GENERAL_ERROR) {
            return "CKR_GENERAL_ERROR";
        }
        return "CKR 0x" + Long.toHexString(rv);
    }
}
