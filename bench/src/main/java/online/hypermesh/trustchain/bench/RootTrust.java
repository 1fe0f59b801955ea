package online.hypermesh.trustchain.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/** TLS 1.3 client context that trusts only the certificates in one PEM file (not the JDK's cacerts). */
public final class RootTrust {
    static final String PROTOCOL = "TLSv1.3";

    private RootTrust() {
    }

    public static SSLContext sslContext(Path rootPem) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> roots;
        try (InputStream in = Files.newInputStream(rootPem)) {
            roots = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (roots.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + rootPem);
        }
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        int i = 0;
        for (Certificate root : roots) {
            trustStore.setCertificateEntry("root-" + i++, root);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStore);
        SSLContext context = SSLContext.getInstance(PROTOCOL);
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    public static SSLParameters tls13Only() {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[] {PROTOCOL});
        return parameters;
    }
}
