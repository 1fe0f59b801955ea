package online.hypermesh.trustchain.ca.signer;

import java.nio.file.Path;
import java.time.Clock;

import online.hypermesh.trustchain.ca.config.CryptoTokenSettings;
import online.hypermesh.trustchain.core.crypto.CryptoToken;
import online.hypermesh.trustchain.core.crypto.soft.SoftwareCryptoToken;
import online.hypermesh.trustchain.core.crypto.soft.WrappedKeyStore;

/**
 * Opens the crypto token named by {@code trustchain.crypto.token} (CryptoTokenSettings) ("software" is the only type so
 * far; "pkcs11" arrives with the HSM connector). Package-private and not a CDI bean: the only
 * token of a deployment is the one {@link CaSigner} opens at start-up and keeps to itself, so no
 * other bean can obtain something that signs with a CA key.
 */
final class CryptoTokens {
    private CryptoTokens() {
    }

    static CryptoToken open(CryptoTokenSettings settings, WrappedKeyStore keys, Path dataDir) {
        // The type was checked at start-up; "software" is the only one so far.
        return new SoftwareCryptoToken(keys, OperatorSecret.load(settings, dataDir), Clock.systemUTC());
    }
}
