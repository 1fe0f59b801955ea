package online.hypermesh.trustchain.bridge.acme;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * A DNS server on a UDP port of 127.0.0.1 for a test: answers each question with the records of
 * that name and type it was given, NODATA for a name it has with another type, NXDOMAIN otherwise.
 */
final class LoopbackDns implements AutoCloseable {
    private final DatagramSocket socket;
    private final Map<String, List<Record>> zone;

    /** @param zone records by absolute owner name, e.g. "web.hypermesh.online." */
    LoopbackDns(Map<String, List<Record>> zone) throws IOException {
        this.zone = Map.copyOf(zone);
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Thread server = new Thread(this::answer, "loopback-dns");
        server.setDaemon(true);
        server.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    private void answer() {
        byte[] buffer = new byte[512];
        try {
            while (!socket.isClosed()) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Record question = query.getQuestion();
                Message response = new Message(query.getHeader().getID());
                response.getHeader().setFlag(Flags.QR);
                response.getHeader().setFlag(Flags.AA);
                response.addRecord(question, Section.QUESTION);
                List<Record> records = zone.get(question.getName().toString());
                if (records == null) {
                    response.getHeader().setRcode(Rcode.NXDOMAIN);
                } else {
                    records.stream().filter(r -> r.getType() == question.getType()).forEach(r -> response.addRecord(r, Section.ANSWER));
                }
                byte[] wire = response.toWire();
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            }
        } catch (IOException e) {
            // closed at the end of the test
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
