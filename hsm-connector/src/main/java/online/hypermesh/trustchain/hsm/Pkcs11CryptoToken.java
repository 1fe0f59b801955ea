package online.hypermesh.trustchain.hsm;

import java.security.PublicKey;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

import online.hypermesh.trustchain.core.crypto.CryptoToken;
import online.hypermesh.trustchain.core.crypto.KeyAliases;
import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.crypto.SigningAlgorithm;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * CA keys in a PKCS#11 token, labelled with their alias. Keys are generated in the token
 * (sensitive, never extractable) and durable at once, not with the caller's transaction.
 *
 * <p>Sessions are kept in a small pool of their own until the resource adapter owns them; a
 * session that reports the device or itself lost is dropped, and the next call opens a new one,
 * so the token recovers when the HSM comes back. A lost HSM is UNAVAILABLE (503), a refused PIN
 * an error naming {@code pinSetting}.
 */
public final class Pkcs11CryptoToken implements CryptoToken {
    private final Pkcs11Library library;
    private final long slot;
    private final char[] pin;
    private final String pinSetting;
    private final BlockingQueue<Pkcs11Session> idle;

    public Pkcs11CryptoToken(Pkcs11Library library, long slot, char[] pin, String pinSetting, int poolSize) {
        this.library = library;
        this.slot = slot;
        this.pin = pin.clone();
        this.pinSetting = pinSetting;
        this.idle = new ArrayBlockingQueue<>(poolSize);
    }

    @Override
    public PublicKey generateKey(String alias, KeyType type) {
        KeyAliases.require(alias);
        return withSession(s -> {
            if (s.findPrivateKey(alias).isPresent() || s.publicKey(alias) != null) {
                throw new TrustChainException(ErrorKind.CONFLICT, "a key with alias " + alias + " already exists in the PKCS#11 token");
            }
            return s.generate(alias, type.jcaAlgorithm(), type.bits(), type.curve());
        });
    }

    @Override
    public PublicKey publicKey(String alias) {
        PublicKey key = withSession(s -> s.publicKey(alias));
        if (key == null) {
            throw TrustChainException.notFound("no key with alias " + alias + " in the PKCS#11 token");
        }
        return key;
    }

    @Override
    public boolean hasKey(String alias) {
        return withSession(s -> s.findPrivateKey(alias).isPresent());
    }

    @Override
    public byte[] sign(String alias, SigningAlgorithm algorithm, byte[] data) {
        return withSession(s -> {
            long key = s.findPrivateKey(alias)
                    .orElseThrow(() -> TrustChainException.notFound("no key with alias " + alias + " in the PKCS#11 token"));
            return s.sign(key, algorithm.jcaName(), data);
        });
    }

    private <T> T withSession(Function<Pkcs11Session, T> work) {
        Pkcs11Session session = idle.poll();
        try {
            if (session == null) {
                session = library.open(slot, pin);
            }
            T result = work.apply(session);
            if (!idle.offer(session)) {
                session.close();
            }
            return result;
        } catch (Pkcs11Exception e) {
            if (session != null) {
                session.close();
            }
            if (e.isPinRejected()) {
                throw new TrustChainException(ErrorKind.INTERNAL, "the PKCS#11 token refused the PIN (" + Ck.name(e.returnValue())
                        + "): check the setting " + pinSetting, null);
            }
            if (e.isDeviceLost()) {
                throw new TrustChainException(ErrorKind.UNAVAILABLE, "the HSM is unavailable (" + e.getMessage() + ")", e);
            }
            throw TrustChainException.internal("the PKCS#11 token failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (session != null && !idle.offer(session)) {
                session.close();
            }
            throw e;
        }
    }
}
