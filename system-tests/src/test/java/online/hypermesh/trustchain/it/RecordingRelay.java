package online.hypermesh.trustchain.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on loopback in front of a plain-HTTP server that keeps a copy of every byte the
 * clients sent: what a black-box test reads to see the request headers a server under test sent
 * (S3Proxy ignores object-lock headers, so the store cannot say whether they were asked for).
 */
final class RecordingRelay implements AutoCloseable {
    private final int upstream;
    private final ServerSocket server;
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    RecordingRelay(int upstream) throws IOException {
        this.upstream = upstream;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "recording-relay");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Everything the clients sent so far (ISO-8859-1, so every byte is one char). */
    String sent() {
        synchronized (sent) {
            return sent.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            Socket up = new Socket();
            try {
                up.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstream), 2000);
            } catch (IOException e) {
                close(client); // the server is down: the client sees a connection that closes at once
                close(up);
                continue;
            }
            open.add(client);
            open.add(up);
            pump(client, up, true);
            pump(up, client, false);
        }
    }

    private void pump(Socket from, Socket to, boolean record) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (record) {
                        synchronized (sent) {
                            sent.write(buffer, 0, n);
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away
            } finally {
                close(from);
                close(to);
            }
        }, "recording-relay-pump");
        t.setDaemon(true);
        t.start();
    }

    private void close(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException e) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(this::close);
    }
}
