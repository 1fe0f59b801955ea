package online.hypermesh.trustchain.doq.classic;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import online.hypermesh.trustchain.doq.zone.DnsWireHandler;

/**
 * DNS over TCP (RFC 7766): 2-byte length framing, many queries per connection answered in order,
 * idle timeout, and a hard cap on concurrent connections.
 */
final class TcpDnsListener implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TcpDnsListener.class.getName());

    private final ServerSocket serverSocket;
    private final DnsWireHandler handler;
    private final Executor workers;
    private final Thread acceptor;
    private final int idleTimeoutMillis;
    private final Semaphore slots;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    TcpDnsListener(ServerSocket serverSocket, DnsWireHandler handler, Executor workers, ThreadFactory threads,
                   int idleTimeoutMillis, int maxConnections) {
        this.serverSocket = serverSocket;
        this.handler = handler;
        this.workers = workers;
        this.idleTimeoutMillis = idleTimeoutMillis;
        this.slots = new Semaphore(maxConnections);
        this.acceptor = threads.newThread(this::acceptLoop);
    }

    void start() {
        acceptor.start();
    }

    int openConnections() {
        return open.size();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "TCP DNS accept failed", e);
                }
                return;
            }
            if (!slots.tryAcquire()) {
                // Closing at once is kinder than queueing: the client can go to another server.
                closeQuietly(socket);
                continue;
            }
            open.add(socket);
            try {
                workers.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                release(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(idleTimeoutMillis);
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            while (!closed) {
                int length;
                try {
                    length = in.readUnsignedShort();
                } catch (EOFException | SocketTimeoutException e) {
                    return; // client finished, or idle for too long
                }
                byte[] query = new byte[length];
                in.readFully(query);
                byte[] response = handler.handleStream(query);
                if (response == null) {
                    // A response (QR=1) is not a query: the peer is no DNS client, so end the connection.
                    return;
                }
                out.writeShort(response.length);
                out.write(response);
                out.flush();
            }
        } catch (SocketException | EOFException | SocketTimeoutException e) {
            LOG.log(Level.FINE, "TCP DNS connection ended", e);
        } catch (IOException e) {
            LOG.log(Level.FINE, "TCP DNS connection failed", e);
        } finally {
            release(socket);
        }
    }

    private void release(Socket socket) {
        if (open.remove(socket)) {
            slots.release();
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing useful to do while discarding a connection
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing TCP DNS listener", e);
        }
        open.forEach(TcpDnsListener::closeQuietly);
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
