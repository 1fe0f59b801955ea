package online.hypermesh.trustchain.hsm;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import online.hypermesh.trustchain.core.crypto.KeyAliases;

/**
 * The public keys the token has shown, one SubjectPublicKeyInfo file per alias in a directory of
 * the node (public values only). With them a node whose HSM is unreachable still starts: the CT
 * log's identity, the issuers' keys and health checks read the keys here, while every signature
 * waits for the HSM. A key read here is one the token itself returned before; what it signs
 * is checked against the certificates as always.
 */
public final class PublicKeyFiles {
    private static final Logger LOG = Logger.getLogger(PublicKeyFiles.class.getName());

    private final Path dir;

    public PublicKeyFiles(Path dir) {
        this.dir = dir;
    }

    public Optional<PublicKey> find(String alias) {
        KeyAliases.require(alias);
        Path file = dir.resolve(alias + ".spki");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            byte[] der = Files.readAllBytes(file);
            // The token holds EC and RSA keys only; the SubjectPublicKeyInfo says which, and the wrong factory refuses it.
            try {
                return Optional.of(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der)));
            } catch (GeneralSecurityException e) {
                return Optional.of(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der)));
            }
        } catch (IOException | GeneralSecurityException e) {
            LOG.log(Level.WARNING, "the saved public key " + file + " cannot be read; it is ignored", e);
            return Optional.empty();
        }
    }

    /** Saves {@code key} under {@code alias} unless that very key is saved (written whole or not at all). */
    public void remember(String alias, PublicKey key) {
        KeyAliases.require(alias);
        Path file = dir.resolve(alias + ".spki");
        try {
            // A token initialized afresh may reuse an alias for a new key: the token's answer replaces the file.
            if (Files.isRegularFile(file) && java.util.Arrays.equals(Files.readAllBytes(file), key.getEncoded())) {
                return;
            }
            Files.createDirectories(dir);
            Path temporary = Files.createTempFile(dir, alias, ".tmp");
            Files.write(temporary, key.getEncoded());
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // Only a start without the HSM needs the file; the token itself still has the key.
            LOG.log(Level.WARNING, "cannot save the public key of " + alias + " in " + dir + " (" + e.getMessage() + ")");
        }
    }
}
