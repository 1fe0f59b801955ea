package online.hypermesh.trustchain.sinks.syslog;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A syslog receiver on TLS for the tests (JDK SSLServerSocket): reads octet-counted frames
 * (RFC 5425) from every connection and keeps the messages. Can be stopped (connections closed, as
 * a receiver that shuts down does) and started again on the same port.
 */
final class TlsSyslogReceiver implements AutoCloseable {
    private final SSLContext context;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<String> protocols = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private volatile SSLServerSocket server;
    private int port;
    private final boolean needClientAuth;

    TlsSyslogReceiver(SSLContext context) {
        this(context, false);
    }

    /** @param needClientAuth refuse clients without a certificate the context trusts (mutual TLS) */
    TlsSyslogReceiver(SSLContext context, boolean needClientAuth) {
        this.context = context;
        this.needClientAuth = needClientAuth;
    }

    synchronized TlsSyslogReceiver start() throws IOException {
        SSLServerSocket s = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        s.setReuseAddress(true);
        s.setNeedClientAuth(needClientAuth);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        port = s.getLocalPort();
        server = s;
        Thread acceptor = new Thread(() -> accept(s), "test-syslog-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return this;
    }

    private void accept(SSLServerSocket s) {
        while (!s.isClosed()) {
            try {
                SSLSocket c = (SSLSocket) s.accept();
                connections.add(c);
                Thread reader = new Thread(() -> read(c), "test-syslog-read");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void read(SSLSocket c) {
        try (c) {
            c.startHandshake();
            protocols.add(c.getSession().getProtocol());
            InputStream in = c.getInputStream();
            for (byte[] m = OctetCounting.read(in, 1 << 20); m != null; m = OctetCounting.read(in, 1 << 20)) {
                messages.add(new String(m, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the connection ended (or we stopped)
        }
    }

    int port() {
        return port;
    }

    List<String> messages() {
        return new ArrayList<>(messages);
    }

    List<String> protocols() {
        return new ArrayList<>(protocols);
    }

    /** Stops accepting and closes every connection, as a receiver that shuts down does. */
    synchronized void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
        for (Socket c : connections) {
            c.close();
        }
        connections.clear();
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
