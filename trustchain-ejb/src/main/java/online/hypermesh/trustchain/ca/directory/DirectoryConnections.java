package online.hypermesh.trustchain.ca.directory;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;

import online.hypermesh.trustchain.ca.config.LdapSettings;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Connections to the directory as {@link LdapSettings} describes it: ldap:// or ldaps:// (with the
 * configured trust and host name verification), bound as the configured DN with the password read
 * from its file each time (so a rotated password needs no restart). One connection per use: the
 * refresh runs every few minutes, so pooling would only hold sockets open.
 */
final class DirectoryConnections {
    private static final int TIMEOUT_MILLIS = 10_000;

    private DirectoryConnections() {
    }

    static LDAPConnection open(LdapSettings settings) throws LDAPException {
        URI url = settings.url().orElseThrow(() -> TrustChainException.internal("no directory is configured (trustchain.ldap.url)", null));
        boolean tls = "ldaps".equals(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : tls ? 636 : 389;
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(TIMEOUT_MILLIS);
        options.setResponseTimeoutMillis(TIMEOUT_MILLIS);
        LDAPConnection connection;
        if (tls) {
            try {
                SSLUtil ssl = settings.trustFile().isPresent() ? new SSLUtil(new PEMFileTrustManager(settings.trustFile().get().toFile()))
                        : new SSLUtil(com.unboundid.util.ssl.JVMDefaultTrustManager.getInstance());
                options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(false));
                connection = new LDAPConnection(ssl.createSSLSocketFactory(), options, url.getHost(), port);
            } catch (GeneralSecurityException e) {
                throw TrustChainException.internal("cannot set up TLS to " + url + " (trustchain.ldap.trust.file): " + e.getMessage(), e);
            }
        } else {
            connection = new LDAPConnection(options, url.getHost(), port);
        }
        if (settings.bindDn().isPresent()) {
            try {
                connection.bind(settings.bindDn().get(), password(settings));
            } catch (LDAPException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }

    private static String password(LdapSettings settings) {
        var file = settings.bindPasswordFile().orElseThrow();
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw TrustChainException.internal("cannot read trustchain.ldap.bind.password.file " + file + ": " + e.getMessage(), e);
        }
    }
}
