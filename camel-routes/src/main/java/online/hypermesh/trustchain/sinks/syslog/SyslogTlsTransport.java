package online.hypermesh.trustchain.sinks.syslog;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * One TLS connection to a syslog receiver (RFC 5425): TLS 1.3 or 1.2, the receiver's certificate
 * verified against the configured CA file and its name against the host (as HTTPS does), an
 * optional client certificate from a PKCS#12 file. Frames are written as given.
 *
 * <p>Syslog over TLS has no acknowledgement, so "sent" can only mean: written, flushed, and the
 * connection still open a moment later ({@link Target#confirmWindow}). A receiver that stops
 * closes its connections; a write into a closed connection is caught by that check or by the
 * next one, and the delivery sends those events again. Not thread-safe: one delivery thread uses it.
 */
public final class SyslogTlsTransport implements AutoCloseable {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /**
     * Where and how to connect.
     *
     * @param clientKeyStore a PKCS#12 file with the client's key and certificate, or empty
     * @param confirmWindow  how long the connection must stay open after a flush for the frames to count as sent
     */
    public record Target(String host, int port, Path caFile, Optional<Path> clientKeyStore, char[] clientKeyStorePassword,
                         Duration connectTimeout, Duration confirmWindow) {
    }

    private final Target target;
    private final SSLContext context;
    private SSLSocket socket;
    private OutputStream out;
    private InputStream in;
    private boolean everConnected;

    public SyslogTlsTransport(Target target) {
        this.target = target;
        this.context = context(target);
    }

    /** The SSL context of a target; fails on an unreadable CA file or key store (a configuration error). */
    static SSLContext context(Target target) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            Collection<? extends Certificate> cas;
            try (InputStream pem = Files.newInputStream(target.caFile())) {
                cas = CertificateFactory.getInstance("X.509").generateCertificates(pem);
            }
            if (cas.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + target.caFile());
            }
            int i = 0;
            for (Certificate ca : cas) {
                trust.setCertificateEntry("ca-" + i++, ca);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (target.clientKeyStore().isPresent()) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                try (InputStream p12 = Files.newInputStream(target.clientKeyStore().get())) {
                    keys.load(p12, target.clientKeyStorePassword());
                }
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, target.clientKeyStorePassword());
            }
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return c;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load the syslog TLS trust or key material: " + e.getMessage(), e);
        }
    }

    /**
     * Makes sure a connection is open: keeps a healthy one, else (re)connects.
     *
     * @return true when the connection is new and an earlier one existed (it broke: what was
     *     written on it shortly before may not have arrived)
     */
    public boolean connect() throws IOException {
        if (socket != null && stillOpen(Duration.ofMillis(1))) {
            return false;
        }
        close();
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket();
        try {
            s.connect(new InetSocketAddress(target.host(), target.port()), (int) target.connectTimeout().toMillis());
            SSLParameters p = s.getSSLParameters();
            p.setProtocols(PROTOCOLS);
            p.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(p);
            s.setSoTimeout((int) target.connectTimeout().toMillis());
            s.startHandshake();
        } catch (IOException e) {
            closeQuietly(s);
            throw e;
        }
        socket = s;
        out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
        in = s.getInputStream();
        boolean reconnected = everConnected;
        everConnected = true;
        return reconnected;
    }

    /** Writes the frames, flushes, and checks the connection is still open after the confirm window. */
    public void send(List<byte[]> frames) throws IOException {
        if (socket == null) {
            throw new IOException("not connected to the syslog receiver");
        }
        for (byte[] f : frames) {
            out.write(f);
        }
        out.flush();
        if (!stillOpen(target.confirmWindow())) {
            close();
            throw new IOException("the syslog receiver closed the connection");
        }
    }

    /** Whether the connection is open: waits up to {@code wait} for an end of stream or an error (a receiver never writes). */
    boolean stillOpen(Duration wait) {
        try {
            socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
            int b = in.read();
            return b >= 0;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public boolean isConnected() {
        return socket != null;
    }

    @Override
    public void close() {
        if (socket != null) {
            closeQuietly(socket);
            socket = null;
            out = null;
            in = null;
        }
    }

    private static void closeQuietly(SSLSocket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing a broken connection: nothing more to do
        }
    }
}
