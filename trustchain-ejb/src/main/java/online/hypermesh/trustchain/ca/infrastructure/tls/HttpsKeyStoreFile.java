package online.hypermesh.trustchain.ca.infrastructure.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;

import online.hypermesh.trustchain.ca.infrastructure.files.PrivateFiles;

/**
 * The HTTPS listener's PKCS#12 key store ({@code <data-dir>/tls/https.p12}, alias "https"),
 * which WildFly's Elytron key store reads. Written atomically with mode 0600.
 */
public final class HttpsKeyStoreFile {
    public static final String ALIAS = "https";

    private final Path file;
    private final char[] password;

    public HttpsKeyStoreFile(Path file, char[] password) {
        this.file = file;
        this.password = password.clone();
    }

    public Path path() {
        return file;
    }

    /** The certificate currently stored, if the file exists and can be read with the password. */
    public Optional<X509Certificate> currentCertificate() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            return Optional.ofNullable((X509Certificate) ks.getCertificate(ALIAS));
        } catch (IOException | GeneralSecurityException e) {
            return Optional.empty(); // unreadable or another password: replace it
        }
    }

    public void write(PrivateKey key, Certificate[] chain) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(ALIAS, key, password, chain);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ks.store(out, password);
        PrivateFiles.writeAtomically(file, out.toByteArray());
    }
}
