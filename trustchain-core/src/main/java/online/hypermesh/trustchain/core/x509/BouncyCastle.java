package online.hypermesh.trustchain.core.x509;

import java.security.Provider;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one Bouncy Castle provider instance. Passed explicitly to JCA calls rather than
 * registered globally, so TrustChain does not change the provider order of the server it runs in.
 */
public final class BouncyCastle {
    public static final Provider PROVIDER = new BouncyCastleProvider();

    private BouncyCastle() {
    }
}
