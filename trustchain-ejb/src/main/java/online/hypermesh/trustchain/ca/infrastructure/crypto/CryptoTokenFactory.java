package online.hypermesh.trustchain.ca.infrastructure.crypto;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.config.Settings;
import online.hypermesh.trustchain.ca.config.TrustChainConfig;
import online.hypermesh.trustchain.ca.infrastructure.persistence.JpaWrappedKeyStore;
import online.hypermesh.trustchain.core.crypto.CryptoToken;
import online.hypermesh.trustchain.core.crypto.soft.SoftwareCryptoToken;

/**
 * Builds the crypto token named by {@code trustchain.crypto.token} ("software" is the only type
 * so far; "pkcs11" arrives with the HSM connector). Only the signer calls this.
 */
@ApplicationScoped
public class CryptoTokenFactory {
    @Inject
    JpaWrappedKeyStore keyStore;

    @Inject
    TrustChainConfig config;

    public CryptoToken create() {
        Settings settings = Settings.fromSystem();
        String type = settings.get("trustchain.crypto.token", "software");
        if (!type.equals("software")) {
            throw Settings.invalid("trustchain.crypto.token", "is '" + type + "'; supported: software");
        }
        return new SoftwareCryptoToken(keyStore, OperatorSecret.load(settings, config.dataDir()), Clock.systemUTC());
    }
}
