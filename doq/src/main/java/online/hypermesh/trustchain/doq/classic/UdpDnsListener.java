package online.hypermesh.trustchain.doq.classic;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import online.hypermesh.trustchain.doq.zone.DnsWireHandler;

/**
 * Several receive threads share one socket (the JDK serialises the receive calls, not the
 * answering) and answer zone names inline: a zone answer takes microseconds, far less than handing
 * the packet to another thread. Only queries that wait on an upstream resolver go to the supplied
 * executor, so a slow upstream never stalls receiving.
 */
final class UdpDnsListener implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(UdpDnsListener.class.getName());
    /** Largest query we accept; bigger datagrams are truncated by the OS and fail to parse. */
    private static final int MAX_QUERY = 4096;

    private final DatagramSocket socket;
    private final DnsWireHandler handler;
    private final Executor workers;
    private final List<Thread> receivers = new ArrayList<>();
    private volatile boolean closed;

    UdpDnsListener(DatagramSocket socket, DnsWireHandler handler, Executor workers, ThreadFactory threads, int receiverThreads) {
        this.socket = socket;
        this.handler = handler;
        this.workers = workers;
        for (int i = 0; i < receiverThreads; i++) {
            receivers.add(threads.newThread(this::receiveLoop));
        }
    }

    void start() {
        receivers.forEach(Thread::start);
    }

    private void receiveLoop() {
        byte[] buffer = new byte[MAX_QUERY];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!closed) {
            packet.setData(buffer);
            try {
                socket.receive(packet);
            } catch (SocketException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "UDP DNS socket failed", e);
                }
                return;
            } catch (IOException e) {
                LOG.log(Level.FINE, "UDP receive error", e);
                continue;
            }
            byte[] query = Arrays.copyOf(buffer, packet.getLength());
            SocketAddress client = packet.getSocketAddress();
            DnsWireHandler.Received received = DnsWireHandler.receive(query, DnsWireHandler.CLASSIC_UDP_LIMIT);
            if (received instanceof DnsWireHandler.Query q) {
                if (handler.answersWithoutWaiting(q.message())) {
                    send(handler.respondToDatagram(q), client);
                } else {
                    handOff(q, client);
                }
            } else if (received instanceof DnsWireHandler.Undecodable u) {
                send(u.formatError(), client);
            } else {
                LOG.log(Level.FINE, "dropping a UDP message from {0}: {1}", new Object[] {client, ((DnsWireHandler.Ignored) received).reason()});
            }
        }
    }

    private void handOff(DnsWireHandler.Query query, SocketAddress client) {
        try {
            workers.execute(() -> send(handler.respondToDatagram(query), client));
        } catch (RejectedExecutionException e) {
            // Overloaded: dropping is the UDP way, the client will retry.
            LOG.log(Level.FINE, "dropping UDP query, executor saturated", e);
        }
    }

    private void send(byte[] response, SocketAddress client) {
        if (response == null) {
            return;
        }
        try {
            socket.send(new DatagramPacket(response, response.length, client));
        } catch (IOException e) {
            LOG.log(Level.FINE, "UDP send failed", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
        for (Thread receiver : receivers) {
            try {
                receiver.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
