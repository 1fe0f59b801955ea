package online.hypermesh.trustchain.ca.signer;

import java.security.PublicKey;

import online.hypermesh.trustchain.core.crypto.CryptoToken;
import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.crypto.SigningAlgorithm;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * A deployment moving onto an HSM ({@code trustchain.crypto.token=pkcs11} with
 * {@code trustchain.crypto.token.previous=software}): every new key is made in the HSM, and a key
 * made before the move is still used where it is, in the software token, so the CAs it belongs
 * to keep signing their CRLs and OCSP answers until the rollover has replaced them (and after,
 * for what they issued). A key is looked up in the HSM first: after the move, that is where
 * the keys that sign the most are.
 */
final class MovingCryptoToken implements CryptoToken {
    private final CryptoToken hsm;
    private final CryptoToken previous;

    MovingCryptoToken(CryptoToken hsm, CryptoToken previous) {
        this.hsm = hsm;
        this.previous = previous;
    }

    @Override
    public PublicKey generateKey(String alias, KeyType type) {
        if (previous.hasKey(alias)) {
            throw new TrustChainException(ErrorKind.CONFLICT, "a key with alias " + alias + " already exists in the previous (software) token");
        }
        return hsm.generateKey(alias, type);
    }

    @Override
    public PublicKey publicKey(String alias) {
        return inHsm(alias) ? hsm.publicKey(alias) : previous.publicKey(alias);
    }

    @Override
    public boolean hasKey(String alias) {
        return inHsm(alias) || previous.hasKey(alias);
    }

    @Override
    public byte[] sign(String alias, SigningAlgorithm algorithm, byte[] data) {
        return inHsm(alias) ? hsm.sign(alias, algorithm, data) : previous.sign(alias, algorithm, data);
    }

    @Override
    public void requireAvailable() {
        hsm.requireAvailable();
    }

    /** Whether the HSM holds {@code alias}; a key of the previous token is used even while the HSM is away. */
    private boolean inHsm(String alias) {
        try {
            return hsm.hasKey(alias);
        } catch (TrustChainException e) {
            if (e.kind() == ErrorKind.UNAVAILABLE && previous.hasKey(alias)) {
                return false;
            }
            throw e;
        }
    }
}
