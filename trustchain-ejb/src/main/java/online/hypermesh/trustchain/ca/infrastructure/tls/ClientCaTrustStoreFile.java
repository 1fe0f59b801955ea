package online.hypermesh.trustchain.ca.infrastructure.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;

import online.hypermesh.trustchain.ca.infrastructure.files.PrivateFiles;

/**
 * The trust store of the API's mutual TLS ({@code <data-dir>/tls/client-ca.p12}): this CA's own
 * authority certificates as trusted entries, each under its SHA-256 fingerprint as alias, which
 * WildFly's Elytron trust manager reads. Written atomically, so the server never loads half a file.
 */
public final class ClientCaTrustStoreFile {
    private final Path file;
    private final char[] password;

    public ClientCaTrustStoreFile(Path file, char[] password) {
        this.file = file;
        this.password = password.clone();
    }

    public Path path() {
        return file;
    }

    /** The fingerprints stored now; empty if the file is missing or unreadable (it is then rewritten). */
    public Set<String> fingerprints() {
        if (!Files.exists(file)) {
            return Set.of();
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            return new TreeSet<>(Collections.list(ks.aliases()));
        } catch (IOException | GeneralSecurityException e) {
            return Set.of();
        }
    }

    /** Replaces the file with exactly these certificates (DER). */
    public void write(Collection<byte[]> certificates) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        for (byte[] der : certificates) {
            Certificate cert = factory.generateCertificate(new ByteArrayInputStream(der));
            ks.setCertificateEntry(fingerprint(der), cert);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ks.store(out, password);
        PrivateFiles.writeAtomically(file, out.toByteArray());
    }

    /** The alias a certificate is stored under: lower-case hex SHA-256 of its DER. */
    public static String fingerprint(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is a mandatory JCA algorithm", e);
        }
    }
}
