package online.hypermesh.trustchain.bridge.ldap;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.SSLUtil;

/**
 * Where the directory is and how to bind to it: ldap:// or ldaps://, or ldap:// upgraded with
 * StartTLS (RFC 4513 3) before anything else is sent, the bind included; with TLS either way the
 * certificate is checked against the given PEM trust, or the JVM's, and the host name verified.
 * Optionally bound as a DN whose password is asked for at each connection (so a rotated password
 * file needs no restart).
 */
public record LdapEndpoint(URI url, Optional<String> bindDn, Supplier<String> password, Optional<Path> trustFile, boolean startTls) {
    private static final int TIMEOUT_MILLIS = 10_000;

    public LdapEndpoint {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(bindDn, "bindDn");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(trustFile, "trustFile");
        if (startTls && "ldaps".equals(url.getScheme())) {
            throw new IllegalArgumentException("StartTLS is for ldap://; " + url + " is TLS from the start");
        }
    }

    /** A new connection, bound; the caller closes it. */
    public LDAPConnection open() throws LDAPException {
        boolean tls = "ldaps".equals(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : tls ? 636 : 389;
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(TIMEOUT_MILLIS);
        options.setResponseTimeoutMillis(TIMEOUT_MILLIS);
        // Checked after the handshake of ldaps:// and of StartTLS alike.
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(false));
        LDAPConnection connection = tls ? new LDAPConnection(sslContext().getSocketFactory(), options, url.getHost(), port)
                : new LDAPConnection(options, url.getHost(), port);
        try {
            if (startTls) {
                ExtendedResult started = connection.processExtendedOperation(new StartTLSExtendedRequest(sslContext()));
                if (started.getResultCode() != ResultCode.SUCCESS) {
                    throw new LDAPException(started.getResultCode(), "the directory " + url + " refused StartTLS: "
                            + started.getDiagnosticMessage());
                }
            }
            if (bindDn.isPresent()) {
                connection.bind(bindDn.get(), password.get());
            }
        } catch (LDAPException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private SSLContext sslContext() throws LDAPException {
        try {
            SSLUtil ssl = trustFile.isPresent() ? new SSLUtil(pkixTrust(trustFile.get())) : new SSLUtil(JVMDefaultTrustManager.getInstance());
            return ssl.createSSLContext();
        } catch (GeneralSecurityException | IOException e) {
            throw new LDAPException(ResultCode.LOCAL_ERROR, "cannot set up TLS to " + url + ": " + e.getMessage(), e);
        }
    }

    /**
     * The JDK's PKIX validation anchored at the file's certificates. Not the SDK's
     * PEMFileTrustManager: that one matches a chain to its issuer by name and key identifier
     * without checking the signature, so a certificate from a look-alike CA would pass.
     */
    static TrustManager[] pkixTrust(Path pemFile) throws GeneralSecurityException, IOException {
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        anchors.load(null, null);
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pemFile)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException(pemFile + " holds no certificate");
        }
        int i = 0;
        for (Certificate c : certificates) {
            anchors.setCertificateEntry("anchor-" + i++, c);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(anchors);
        return factory.getTrustManagers();
    }
}
