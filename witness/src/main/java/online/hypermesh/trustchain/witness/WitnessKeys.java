package online.hypermesh.trustchain.witness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The witness's Ed25519 key in a PEM PKCS#8 file ({@code openssl genpkey -algorithm ed25519}
 * writes the same), created with mode 0600 on first start if absent.
 */
final class WitnessKeys {
    private WitnessKeys() {
    }

    static KeyPair loadOrCreate(Path file) throws IOException, GeneralSecurityException {
        if (!Files.exists(file)) {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            Path dir = file.toAbsolutePath().getParent();
            AtomicFiles.createDirectory(dir);
            Path temp = dir.resolve(file.getFileName() + AtomicFiles.TEMP_SUFFIX);
            Files.deleteIfExists(temp);
            // AtomicFiles reuses (truncates) an existing temp file, so creating it here fixes the mode.
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            AtomicFiles.write(file, pem.getBytes(StandardCharsets.US_ASCII));
        }
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        String b64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        PrivateKey priv = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
        return new KeyPair(publicOf(priv), priv);
    }

    /**
     * The JDK has no API deriving an Ed25519 public key from the private one; its generator draws
     * exactly the 32-byte seed from the random source, so a source that yields the seed re-derives it.
     */
    private static PublicKey publicOf(PrivateKey priv) throws GeneralSecurityException {
        byte[] seed = ((java.security.interfaces.EdECPrivateKey) priv).getBytes()
                .orElseThrow(() -> new GeneralSecurityException("the Ed25519 private key has no seed"));
        // Generating with a fixed "random" source that returns the seed yields the same key pair.
        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
        g.initialize(255, new java.security.SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, bytes.length);
            }
        });
        return g.generateKeyPair().getPublic();
    }
}
