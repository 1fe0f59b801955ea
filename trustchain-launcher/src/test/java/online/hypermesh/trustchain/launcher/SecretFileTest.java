package online.hypermesh.trustchain.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {
    @TempDir
    Path dir;

    @Test
    void operatorSecretIs32RandomBytesInAnOwnerOnlyFile() throws Exception {
        Path file = SecretFile.ensureOperatorSecret(dir.resolve("operator-secret"));
        assertEquals(32, Base64.getDecoder().decode(Files.readString(file)).length);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertFalse(Files.exists(dir.resolve(".operator-secret.tmp")));
    }

    @Test
    void anExistingSecretIsNeverReplaced() throws Exception {
        Path file = SecretFile.ensureOperatorSecret(dir.resolve("operator-secret"));
        String first = Files.readString(file);
        SecretFile.ensureOperatorSecret(file);
        assertEquals(first, Files.readString(file));
    }

    @Test
    void anEmptyFileIsFilled() throws Exception {
        Path file = Files.createFile(dir.resolve("keystore-password"));
        SecretFile.ensureKeystorePassword(file);
        String password = Files.readString(file);
        assertEquals(32, password.length()); // 24 bytes, base64url without padding
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void secretsDiffer() throws Exception {
        String a = Files.readString(SecretFile.ensureKeystorePassword(dir.resolve("a")));
        String b = Files.readString(SecretFile.ensureKeystorePassword(dir.resolve("b")));
        assertNotEquals(a, b);
    }
}
