package online.hypermesh.trustchain.doq.zone;

import java.io.IOException;
import java.util.Objects;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;

/**
 * Bytes-in, bytes-out DNS handling shared by all transports: parse, answer from the zone, encode
 * within the transport's size limit. Undecodable input gets FORMERR when an ID can be recovered.
 */
public final class DnsWireHandler {

    /** RFC 1035 4.2.1: without EDNS a UDP response must fit 512 octets. */
    public static final int CLASSIC_UDP_LIMIT = 512;

    private final ZoneAnswerer answerer;
    private final ResponseEncoder encoder;
    private final QueryObserver observer;

    public DnsWireHandler(ZoneAnswerer answerer, ResponseEncoder encoder) {
        this(answerer, encoder, QueryObserver.NONE);
    }

    public DnsWireHandler(ZoneAnswerer answerer, ResponseEncoder encoder, QueryObserver observer) {
        this.answerer = Objects.requireNonNull(answerer, "answerer");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** Datagram transport: the size limit comes from the query's EDNS payload size. Null means drop. */
    public byte[] handleDatagram(byte[] query) {
        Message parsed = parseOrNull(query);
        if (parsed == null) {
            observer.answered(Rcode.FORMERR, 0);
            return formatError(query, CLASSIC_UDP_LIMIT);
        }
        return respondToDatagram(parsed);
    }

    /** The datagram answer to a query already parsed (see {@link #answersWithoutWaiting}). */
    public byte[] respondToDatagram(Message query) {
        return respond(query, datagramLimit(query));
    }

    /** True when the answer needs no upstream round trip, so a receive thread can give it inline. */
    public boolean answersWithoutWaiting(Message query) {
        return answerer.answersWithoutWaiting(query);
    }

    /** Stream transport (TCP, DoQ): only the 2-byte length prefix limits the size. Null means drop. */
    public byte[] handleStream(byte[] query) {
        Message parsed = parseOrNull(query);
        if (parsed == null) {
            observer.answered(Rcode.FORMERR, 0);
            return formatError(query, ResponseEncoder.MAX_STREAM_MESSAGE);
        }
        return respond(parsed, ResponseEncoder.MAX_STREAM_MESSAGE);
    }

    public byte[] respond(Message query, int maxSize) {
        long t0 = System.nanoTime();
        Message answer = answerer.answer(query);
        byte[] wire = encoder.encode(answer, maxSize);
        observer.answered(answer.getRcode(), System.nanoTime() - t0);
        return wire;
    }

    /** Parses a DNS message, or returns null when the bytes are not one. */
    public static Message parseOrNull(byte[] wire) {
        try {
            return new Message(wire);
        } catch (IOException | RuntimeException e) {
            // dnsjava signals most garbage with WireParseException, but some malformed rdata surfaces as runtime errors.
            return null;
        }
    }

    /** FORMERR echoing the query ID; null if even the ID is missing, since nobody could match the reply. */
    public static byte[] formatError(byte[] query, int maxSize) {
        if (query.length < 2) {
            return null;
        }
        int id = ((query[0] & 0xFF) << 8) | (query[1] & 0xFF);
        return ZoneAnswerer.formatError(id).toWire(maxSize);
    }

    /** RFC 6891 6.2.5: honour the requestor's payload size, never below 512, never above ours. */
    static int datagramLimit(Message query) {
        OPTRecord opt = query.getOPT();
        if (opt == null) {
            return CLASSIC_UDP_LIMIT;
        }
        return Math.max(CLASSIC_UDP_LIMIT, Math.min(opt.getPayloadSize(), ZoneAnswerer.EDNS_PAYLOAD_SIZE));
    }
}
