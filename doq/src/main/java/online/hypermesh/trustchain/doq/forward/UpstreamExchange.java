package online.hypermesh.trustchain.doq.forward;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.ExtendedFlags;

/**
 * One question to one upstream resolver: over UDP from a fresh socket (a random source port and a
 * random ID make spoofed answers hard to land, RFC 5452), and again over TCP when the UDP answer is
 * truncated (RFC 7766 5). Only a response that matches the ID and the question is accepted.
 */
final class UpstreamExchange {

    /** Our EDNS payload size towards upstreams; 1232 avoids IPv6 fragmentation. */
    static final int EDNS_PAYLOAD = 1232;
    private static final int MAX_UDP_RESPONSE = 65535;

    private final SecureRandom random = new SecureRandom();

    /**
     * @throws IOException when the upstream does not answer in time or answers something that does not match
     */
    Message ask(InetSocketAddress upstream, Record question, boolean dnssecOk, Duration timeout) throws IOException {
        Message query = query(question, dnssecOk);
        long deadline = System.nanoTime() + timeout.toNanos();
        Message response = overUdp(upstream, query, deadline);
        if (response.getHeader().getFlag(Flags.TC)) {
            response = overTcp(upstream, query, deadline);
        }
        return response;
    }

    private Message query(Record question, boolean dnssecOk) {
        Message query = Message.newQuery(question);
        query.getHeader().setID(random.nextInt(0x10000));
        query.getHeader().setFlag(Flags.RD);
        query.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0, dnssecOk ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
        return query;
    }

    private static Message overUdp(InetSocketAddress upstream, Message query, long deadline) throws IOException {
        byte[] wire = query.toWire();
        try (DatagramSocket socket = new DatagramSocket()) {
            // Connected: the OS drops datagrams from any other address.
            socket.connect(upstream);
            socket.send(new DatagramPacket(wire, wire.length));
            byte[] buffer = new byte[MAX_UDP_RESPONSE];
            while (true) {
                socket.setSoTimeout(remainingMillis(deadline));
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message response = parse(buffer, packet.getLength());
                if (response != null && matches(query, response)) {
                    return response;
                }
                // Not ours (a late answer to someone else, or forged): keep waiting until the deadline.
            }
        }
    }

    private static Message overTcp(InetSocketAddress upstream, Message query, long deadline) throws IOException {
        byte[] wire = query.toWire();
        try (Socket socket = new Socket()) {
            socket.connect(upstream, remainingMillis(deadline));
            socket.setSoTimeout(remainingMillis(deadline));
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            byte[] framed = new byte[wire.length + 2];
            framed[0] = (byte) (wire.length >>> 8);
            framed[1] = (byte) wire.length;
            System.arraycopy(wire, 0, framed, 2, wire.length);
            out.write(framed);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] answer = new byte[in.readUnsignedShort()];
            in.readFully(answer);
            Message response = parse(answer, answer.length);
            if (response == null || !matches(query, response)) {
                throw new IOException("upstream " + upstream + " sent a TCP answer that does not match the question");
            }
            return response;
        }
    }

    private static Message parse(byte[] buffer, int length) {
        try {
            return new Message(java.util.Arrays.copyOf(buffer, length));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** RFC 5452 9.1: same ID, a response, and the same question (name compared case-insensitively). */
    private static boolean matches(Message query, Message response) {
        if (response.getHeader().getID() != query.getHeader().getID() || !response.getHeader().getFlag(Flags.QR)) {
            return false;
        }
        List<Record> asked = query.getSection(Section.QUESTION);
        List<Record> echoed = response.getSection(Section.QUESTION);
        if (echoed.size() != 1) {
            return false;
        }
        Record q = asked.get(0);
        Record e = echoed.get(0);
        return q.getName().equals(e.getName()) && q.getType() == e.getType() && q.getDClass() == e.getDClass();
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("upstream did not answer in time");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }
}
