package online.hypermesh.trustchain.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A random secret generated once and kept in a 0600 file. Regenerating would lock the data
 * out (the operator secret decrypts the CA keys, the password opens the TLS keystore), so an
 * existing file is never touched. The value itself is never printed.
 */
public final class SecretFile {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretFile() {
    }

    /** Operator secret format: 32 random bytes, standard base64. */
    public static Path ensureOperatorSecret(Path file) {
        return ensure(file, Base64.getEncoder().encodeToString(randomBytes(32)));
    }

    /** URL-safe base64 without padding, so the value needs no quoting anywhere. */
    public static Path ensureKeystorePassword(Path file) {
        return ensure(file, Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(24)));
    }

    /**
     * Writes {@code value} to {@code file} unless the file already has content. The value goes
     * to a 0600 temporary file first and is then renamed, so a crash never leaves an empty or
     * half-written secret behind.
     */
    static Path ensure(Path file, String value) {
        try {
            if (Files.isRegularFile(file) && Files.size(file) > 0) {
                return file;
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.deleteIfExists(temp);
            Files.createFile(temp, FilePermissions.ownerReadWriteOnCreate());
            // The umask may have cleared bits but never adds any; set explicitly all the same.
            FilePermissions.set(temp, FilePermissions.OWNER_READ_WRITE);
            Files.writeString(temp, value, StandardCharsets.US_ASCII);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (FileAlreadyExistsException e) {
            throw new LauncherException("Cannot create " + file + ": " + IoErrors.describe(e), null, e);
        } catch (IOException e) {
            throw new LauncherException("Cannot write the secret file " + file + ": " + IoErrors.describe(e),
                    "Check that the data directory is writable.", e);
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
