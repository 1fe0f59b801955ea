package online.hypermesh.trustchain.pkcs11;

/** A PKCS#11 function returned something other than CKR_OK. */
public final class Pkcs11Exception extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long returnValue;

    public Pkcs11Exception(String function, long returnValue) {
        super(function + " returned " + Ck.name(returnValue));
        this.returnValue = returnValue;
    }

    public long returnValue() {
        return returnValue;
    }

    /** The token refused the PIN (wrong, locked, or of a length it does not take). */
    public boolean isPinRejected() {
        return returnValue == Ck.CKR_PIN_INCORRECT || returnValue == Ck.CKR_PIN_LOCKED || returnValue == Ck.CKR_PIN_LEN_RANGE;
    }

    /** The HSM or the session is gone: a new session may work once it is back. */
    public boolean isDeviceLost() {
        return returnValue == Ck.CKR_DEVICE_ERROR || returnValue == Ck.CKR_DEVICE_REMOVED || returnValue == Ck.CKR_TOKEN_NOT_PRESENT
                || returnValue == Ck.CKR_SESSION_HANDLE_INVALID || returnValue == Ck.CKR_SESSION_CLOSED
                || returnValue == Ck.CKR_GENERAL_ERROR || returnValue == Ck.CKR_DEVICE_MEMORY;
    }
}
