package online.hypermesh.trustchain.bridge.ldap;

import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;

/**
 * Where the directory is and how to bind to it: ldap:// or ldaps:// (certificate checked against
 * the given PEM trust, or the JVM's, and the host name verified), optionally bound as a DN whose
 * password is asked for at each connection (so a rotated password file needs no restart).
 */
public record LdapEndpoint(URI url, Optional<String> bindDn, Supplier<String> password, Optional<Path> trustFile) {
    private static final int TIMEOUT_MILLIS = 10_000;

    public LdapEndpoint {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(bindDn, "bindDn");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(trustFile, "trustFile");
    }

    /** A new connection, bound; the caller closes it. */
    public LDAPConnection open() throws LDAPException {
        boolean tls = "ldaps".equals(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : tls ? 636 : 389;
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(TIMEOUT_MILLIS);
        options.setResponseTimeoutMillis(TIMEOUT_MILLIS);
        LDAPConnection connection;
        if (tls) {
            try {
                SSLUtil ssl = trustFile.isPresent() ? new SSLUtil(new PEMFileTrustManager(trustFile.get().toFile()))
                        : new SSLUtil(JVMDefaultTrustManager.getInstance());
                options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(false));
                connection = new LDAPConnection(ssl.createSSLSocketFactory(), options, url.getHost(), port);
            } catch (GeneralSecurityException e) {
                throw new LDAPException(ResultCode.LOCAL_ERROR, "cannot set up TLS to " + url + ": " + e.getMessage(), e);
            }
        } else {
            connection = new LDAPConnection(options, url.getHost(), port);
        }
        if (bindDn.isPresent()) {
            try {
                connection.bind(bindDn.get(), password.get());
            } catch (LDAPException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }
}
