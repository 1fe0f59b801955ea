package online.hypermesh.trustchain.ca.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which crypto token holds the CA keys, and the operator secret that encrypts the software token's
 * keys: given directly, else in a file, else {@code <data-dir>/operator-secret}.
 */
public record CryptoTokenSettings(String type, Optional<String> operatorSecret, Optional<Path> operatorSecretFile,
                                  Optional<String> pkcs11Library, Optional<String> pkcs11TokenLabel, Optional<String> pkcs11Pin,
                                  Optional<Path> pkcs11PinFile, int pkcs11Sessions, boolean pkcs11Validate,
                                  int pkcs11ReconnectIntervalMs, String previousToken) {

    public static final Setting<String> TOKEN = Setting.choice("trustchain.crypto.token", "software", List.of("software", "pkcs11"),
            "the crypto token holding the CA keys: software (encrypted in the database) or pkcs11 (an HSM)");
    public static final Setting<String> PREVIOUS_TOKEN = Setting.choice("trustchain.crypto.token.previous", "none", List.of("none", "software"),
            "with pkcs11: the token that held the CA keys before the move to the HSM (software: its keys stay usable, new keys are made in the HSM)");
    public static final Setting<String> PKCS11_LIBRARY = Setting.text("trustchain.pkcs11.library", null,
            "with pkcs11: the PKCS#11 library (SoftHSM2 /usr/lib/softhsm/libsofthsm2.so, CloudHSM /opt/cloudhsm/lib/libcloudhsm_pkcs11.so)");
    public static final Setting<String> PKCS11_TOKEN_LABEL = Setting.text("trustchain.pkcs11.token.label", null,
            "with pkcs11: the label of the token holding the CA keys");
    public static final Setting<String> PKCS11_PIN = Setting.of("trustchain.pkcs11.pin", "secret text", null, "none",
            "with pkcs11: the user PIN (CloudHSM: <crypto user>:<password>); never logged", t -> t).secretValue();
    public static final Setting<Path> PKCS11_PIN_FILE = Setting.of("trustchain.pkcs11.pin.file", "path", null, "none",
            "with pkcs11: a file holding the user PIN (instead of trustchain.pkcs11.pin)", t -> Path.of(t).toAbsolutePath());
    public static final Setting<Integer> PKCS11_SESSIONS = Setting.integer("trustchain.pkcs11.sessions", 8, 1, 256,
            "with pkcs11: the size of WildFly's pool of PKCS#11 sessions (wildfly-config/cli/hsm.cli reads it too): at most this many sign at once, the rest wait (up to 10 s, then 503)");
    public static final Setting<Boolean> PKCS11_VALIDATE = Setting.flag("trustchain.pkcs11.validate", true,
            "with pkcs11: WildFly's pool validates a session before it lends it (still logged in, and the token answers to its label; wildfly-config/cli/hsm.cli reads it)");
    public static final Setting<Integer> PKCS11_RECONNECT_INTERVAL_MS = Setting.integer("trustchain.pkcs11.reconnect.interval.ms", 1000, 100,
            600_000, "with pkcs11: while the HSM is unreachable, the least time between two reconnect attempts, in milliseconds (the resource adapter's ReconnectIntervalMillis in wildfly-config/cli/hsm.cli)");
    public static final Setting<String> OPERATOR_SECRET = Setting.of("trustchain.operator.secret", "secret text, 16 characters or more", null, "none",
            "the secret that encrypts the software token's keys", t -> {
                if (t.length() < 16) {
                    throw new IllegalArgumentException("must be at least 16 characters");
                }
                return t;
            }).secretValue();
    public static final Setting<Path> OPERATOR_SECRET_FILE = Setting.of("trustchain.operator.secret.file", "path", null,
            "<data-dir>/operator-secret", "file holding the operator secret; created with 32 random bytes if missing",
            t -> Path.of(t).toAbsolutePath());

    static CryptoTokenSettings read(Settings s) {
        return new CryptoTokenSettings(s.get(TOKEN), s.find(OPERATOR_SECRET), s.find(OPERATOR_SECRET_FILE), s.find(PKCS11_LIBRARY),
                s.find(PKCS11_TOKEN_LABEL), s.find(PKCS11_PIN), s.find(PKCS11_PIN_FILE), s.get(PKCS11_SESSIONS), s.get(PKCS11_VALIDATE),
                s.get(PKCS11_RECONNECT_INTERVAL_MS), s.get(PREVIOUS_TOKEN));
    }

    @Override
    public String toString() {
        return "CryptoTokenSettings[type=" + type + ", previousToken=" + previousToken + ", operatorSecret=" + (operatorSecret.isPresent() ? "(set)" : "(none)")
                + ", operatorSecretFile=" + operatorSecretFile + ", pkcs11Library=" + pkcs11Library + ", pkcs11TokenLabel=" + pkcs11TokenLabel
                + ", pkcs11Pin=" + (pkcs11Pin.isPresent() ? "(set)" : "(none)") + ", pkcs11PinFile=" + pkcs11PinFile + ", pkcs11Sessions=" + pkcs11Sessions
                + ", pkcs11Validate=" + pkcs11Validate + ", pkcs11ReconnectIntervalMs=" + pkcs11ReconnectIntervalMs + "]";
    }
}
