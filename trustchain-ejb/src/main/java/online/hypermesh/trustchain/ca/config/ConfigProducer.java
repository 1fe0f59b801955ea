package online.hypermesh.trustchain.ca.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Makes the validated configuration injectable. Built once, on first use during deployment, so
 * a bad setting fails the deployment rather than the first request.
 */
@ApplicationScoped
public class ConfigProducer {
    private volatile TrustChainConfig config;

    @Produces
    TrustChainConfig config() {
        TrustChainConfig c = config;
        if (c == null) {
            synchronized (this) {
                if (config == null) {
                    config = new TrustChainConfig(Settings.fromSystem());
                }
                c = config;
            }
        }
        return c;
    }
}
