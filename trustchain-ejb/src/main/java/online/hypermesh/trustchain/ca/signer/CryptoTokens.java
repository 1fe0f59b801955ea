package online.hypermesh.trustchain.ca.signer;

import java.nio.file.Path;
import java.time.Clock;

import online.hypermesh.trustchain.ca.config.CryptoTokenSettings;
import online.hypermesh.trustchain.ca.config.Settings;
import online.hypermesh.trustchain.hsm.Pkcs11CryptoToken;
import online.hypermesh.trustchain.hsm.connector.ConnectorSessions;
import online.hypermesh.trustchain.hsm.connector.HsmConnectionFactory;
import online.hypermesh.trustchain.hsm.connector.Pkcs11TokenRequest;
import online.hypermesh.trustchain.hsm.PublicKeyFiles;
import online.hypermesh.trustchain.core.crypto.CryptoToken;
import online.hypermesh.trustchain.core.crypto.soft.SoftwareCryptoToken;
import online.hypermesh.trustchain.core.crypto.soft.WrappedKeyStore;

/**
 * Opens the crypto token named by {@code trustchain.crypto.token} (CryptoTokenSettings) ("software", or "pkcs11" from
 * hsm-connector). Package-private and not a CDI bean: the only
 * token of a deployment is the one {@link CaSigner} opens at start-up and keeps to itself, so no
 * other bean can obtain something that signs with a CA key.
 */
final class CryptoTokens {
    /** With pkcs11: the public keys the HSM showed, under the data directory, so a node starts while its HSM is unreachable. */
    static final String PUBLIC_KEYS_DIRECTORY = "pkcs11-public-keys";

    private CryptoTokens() {
    }

    static CryptoToken open(CryptoTokenSettings settings, WrappedKeyStore keys, Path dataDir, HsmConnectionFactory hsmSessions) {
        if ("pkcs11".equals(settings.type())) {
            CryptoToken hsm = pkcs11(settings, dataDir, hsmSessions);
            // Moving onto the HSM: the software keys stay usable until the rollover has replaced them.
            return "software".equals(settings.previousToken())
                    ? new MovingCryptoToken(hsm, new SoftwareCryptoToken(keys, OperatorSecret.load(settings, dataDir), Clock.systemUTC()))
                    : hsm;
        }
        return new SoftwareCryptoToken(keys, OperatorSecret.load(settings, dataDir), Clock.systemUTC());
    }

    private static CryptoToken pkcs11(CryptoTokenSettings settings, Path dataDir, HsmConnectionFactory hsmSessions) {
        String library = settings.pkcs11Library().orElseThrow(() -> Settings.invalid(CryptoTokenSettings.PKCS11_LIBRARY,
                "must be set when trustchain.crypto.token is pkcs11"));
        String label = settings.pkcs11TokenLabel().orElseThrow(() -> Settings.invalid(CryptoTokenSettings.PKCS11_TOKEN_LABEL,
                "must be set when trustchain.crypto.token is pkcs11"));
        char[] pin;
        String pinSetting;
        if (settings.pkcs11Pin().isPresent()) {
            pin = settings.pkcs11Pin().get().toCharArray();
            pinSetting = CryptoTokenSettings.PKCS11_PIN.name() + " (environment " + CryptoTokenSettings.PKCS11_PIN.environmentName() + ")";
        } else {
            Path file = settings.pkcs11PinFile().orElseThrow(() -> Settings.invalid(CryptoTokenSettings.PKCS11_PIN_FILE,
                    "or trustchain.pkcs11.pin must be set when trustchain.crypto.token is pkcs11"));
            try {
                pin = java.nio.file.Files.readString(file).strip().toCharArray();
            } catch (java.io.IOException e) {
                throw Settings.invalid(CryptoTokenSettings.PKCS11_PIN_FILE, "points to " + file + ", which cannot be read");
            }
            pinSetting = CryptoTokenSettings.PKCS11_PIN_FILE.name() + " (environment " + CryptoTokenSettings.PKCS11_PIN_FILE.environmentName() + ")";
        }
        if (!java.nio.file.Files.isReadable(Path.of(library))) {
            throw Settings.invalid(CryptoTokenSettings.PKCS11_LIBRARY, "points to " + library + ", which is not a readable file");
        }
        // Connected on first use: a deployment whose HSM is unreachable still starts, and /health names the token.
        // WildFly pools the sessions (wildfly-config/cli/hsm.cli sizes and validates the pool from the same settings).
        try {
            return new Pkcs11CryptoToken(new ConnectorSessions(hsmSessions, new Pkcs11TokenRequest(library, label, pin, pinSetting)),
                    new PublicKeyFiles(dataDir.resolve(PUBLIC_KEYS_DIRECTORY)));
        } finally {
            java.util.Arrays.fill(pin, '\0');
        }
    }
}
