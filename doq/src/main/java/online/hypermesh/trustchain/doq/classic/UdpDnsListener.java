package online.hypermesh.trustchain.doq.classic;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import online.hypermesh.trustchain.doq.zone.DnsWireHandler;

/** One receive thread per socket; answering happens on the supplied executor so a slow reply never stalls receive. */
final class UdpDnsListener implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(UdpDnsListener.class.getName());
    /** Largest query we accept; bigger datagrams are truncated by the OS and fail to parse. */
    private static final int MAX_QUERY = 4096;

    private final DatagramSocket socket;
    private final DnsWireHandler handler;
    private final Executor workers;
    private final Thread receiver;
    private volatile boolean closed;

    UdpDnsListener(DatagramSocket socket, DnsWireHandler handler, Executor workers, ThreadFactory threads) {
        this.socket = socket;
        this.handler = handler;
        this.workers = workers;
        this.receiver = threads.newThread(this::receiveLoop);
    }

    void start() {
        receiver.start();
    }

    private void receiveLoop() {
        byte[] buffer = new byte[MAX_QUERY];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
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
            byte[] query = Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
            DatagramPacket from = new DatagramPacket(new byte[0], 0, packet.getSocketAddress());
            try {
                workers.execute(() -> reply(query, from));
            } catch (RejectedExecutionException e) {
                // Overloaded: dropping is the UDP way, the client will retry.
                LOG.log(Level.FINE, "dropping UDP query, executor saturated", e);
            }
        }
    }

    private void reply(byte[] query, DatagramPacket from) {
        byte[] response = handler.handleDatagram(query);
        if (response == null) {
            return;
        }
        try {
            socket.send(new DatagramPacket(response, response.length, from.getSocketAddress()));
        } catch (IOException e) {
            LOG.log(Level.FINE, "UDP send failed", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
        try {
            receiver.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
