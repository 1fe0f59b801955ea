package online.hypermesh.trustchain.doq.quic;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A UDP relay between one client and a server that notes the first byte of every datagram the
 * server sends, so a test can see which QUIC packet types went over the wire.
 */
final class UdpRelay implements AutoCloseable {

    private final DatagramSocket facingClient;
    private final DatagramSocket facingServer;
    private final List<Integer> firstBytesFromServer = new CopyOnWriteArrayList<>();
    private volatile SocketAddress client;

    UdpRelay(InetSocketAddress server) throws IOException {
        facingClient = new DatagramSocket(new InetSocketAddress(server.getAddress(), 0));
        facingServer = new DatagramSocket(new InetSocketAddress(server.getAddress(), 0));
        facingServer.connect(server);
        start(this::clientToServer);
        start(this::serverToClient);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) facingClient.getLocalSocketAddress();
    }

    /** RFC 9000 17.2.5: a long header (0x80) with packet type 3 (bits 0x30) is a Retry in QUIC version 1. */
    boolean serverSentRetry() {
        return firstBytesFromServer.stream().anyMatch(b -> (b & 0x80) != 0 && ((b & 0x30) >> 4) == 3);
    }

    private static void start(Runnable loop) {
        Thread t = new Thread(loop, "udp-relay");
        t.setDaemon(true);
        t.start();
    }

    private void clientToServer() {
        byte[] buffer = new byte[65535];
        while (!facingClient.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                facingClient.receive(p);
                client = p.getSocketAddress();
                facingServer.send(new DatagramPacket(p.getData(), p.getLength()));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serverToClient() {
        byte[] buffer = new byte[65535];
        while (!facingServer.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                facingServer.receive(p);
                firstBytesFromServer.add(buffer[0] & 0xFF);
                if (client != null) {
                    facingClient.send(new DatagramPacket(p.getData(), p.getLength(), client));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        facingClient.close();
        facingServer.close();
    }
}
