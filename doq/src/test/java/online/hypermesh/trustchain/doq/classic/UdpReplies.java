package online.hypermesh.trustchain.doq.classic;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects what a DNS server sends back on a raw UDP socket, to show that some datagrams got no
 * reply. Shared with the black-box tests in system-tests.
 */
public final class UdpReplies {
    private UdpReplies() {
    }

    /**
     * Every datagram that arrives: the first within 5 s, then until 1 s passes without one. Once the
     * answer to a query is in, a reply to anything sent before it would have followed at once.
     */
    public static List<byte[]> untilQuiet(DatagramSocket socket) throws IOException {
        List<byte[]> replies = new ArrayList<>();
        byte[] buffer = new byte[4096];
        socket.setSoTimeout(5_000);
        try {
            while (true) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                replies.add(Arrays.copyOf(buffer, packet.getLength()));
                socket.setSoTimeout(1_000);
            }
        } catch (SocketTimeoutException quiet) {
            return replies;
        }
    }
}
