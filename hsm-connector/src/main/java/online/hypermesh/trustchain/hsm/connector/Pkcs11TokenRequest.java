package online.hypermesh.trustchain.hsm.connector;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

import jakarta.resource.spi.ConnectionRequestInfo;

/**
 * Which token a session is for: the library, the token's label, and the user PIN that logs the
 * session in (with the name of the setting it came from, for the error when it is refused). The
 * pool matches sessions by it. Its text never shows the PIN.
 */
public final class Pkcs11TokenRequest implements ConnectionRequestInfo {
    private final String library;
    private final String label;
    private final char[] pin;
    private final String pinSetting;
    /** SHA-256 of the PIN: equality without comparing secrets char by char in a pool's hash map. */
    private final byte[] pinDigest;

    public Pkcs11TokenRequest(String library, String label, char[] pin, String pinSetting) {
        this.library = Objects.requireNonNull(library);
        this.label = Objects.requireNonNull(label);
        this.pin = pin.clone();
        this.pinSetting = pinSetting;
        this.pinDigest = digest(pin);
    }

    public String library() {
        return library;
    }

    public String label() {
        return label;
    }

    char[] pin() {
        return pin.clone();
    }

    String pinSetting() {
        return pinSetting;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pkcs11TokenRequest r && library.equals(r.library) && label.equals(r.label)
                && MessageDigest.isEqual(pinDigest, r.pinDigest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(library, label);
    }

    @Override
    public String toString() {
        return "PKCS#11 token '" + label + "' of " + library;
    }

    private static byte[] digest(char[] pin) {
        try {
            byte[] bytes = new String(pin).getBytes(StandardCharsets.UTF_8);
            try {
                return MessageDigest.getInstance("SHA-256").digest(bytes);
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
