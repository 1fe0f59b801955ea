package online.hypermesh.trustchain.ca.signer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import online.hypermesh.trustchain.ca.config.CryptoTokenSettings;
import online.hypermesh.trustchain.ca.config.Settings;
import online.hypermesh.trustchain.ca.infrastructure.files.PrivateFiles;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Finds the operator secret that encrypts the software token's keys: {@code
 * trustchain.operator.secret} (environment TRUSTCHAIN_OPERATOR_SECRET), else the file named by
 * {@code trustchain.operator.secret.file}, else {@code <data-dir>/operator-secret}, created with
 * 32 random bytes and mode 0600 if it does not exist (the embedded default). Losing it makes
 * the CA keys unusable: back it up separately from the database.
 *
 * <p>Package-private: whoever holds the secret can decrypt every CA key, so only the signer's
 * package reads it.
 */
final class OperatorSecret {
    private OperatorSecret() {
    }

    static char[] load(CryptoTokenSettings settings, Path dataDir) {
        var direct = settings.operatorSecret();
        if (direct.isPresent()) {
            return direct.get().toCharArray();
        }
        Path file = settings.operatorSecretFile().orElse(dataDir.resolve("operator-secret"));
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                PrivateFiles.writeAtomically(file, Base64.getEncoder().encodeToString(random).getBytes(StandardCharsets.US_ASCII));
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim().toCharArray();
        } catch (IOException e) {
            throw Settings.invalid(CryptoTokenSettings.OPERATOR_SECRET_FILE, "points to " + file + ", which cannot be read or created: " + e.getMessage());
        } catch (TrustChainException e) {
            throw e;
        }
    }
}
