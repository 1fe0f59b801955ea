package online.hypermesh.trustchain.doq.zone;

import java.io.IOException;
import java.util.Objects;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;

import online.hypermesh.trustchain.doq.update.SignedExchange;

/**
 * Bytes-in, bytes-out DNS handling shared by all transports: decide what arrived
 * ({@link #receive}), answer from the zone, encode within the transport's size limit.
 *
 * <p>Only queries are answered. A message with QR=1 is a response (RFC 1035 4.1.1), and a server
 * that answers responses, even with FORMERR, can be made to bounce packets with another such server
 * (or with itself, through a spoofed source) for ever; RFC 1035 7.3 discards unexpected responses,
 * and so does every common server. The bit is read from the raw header, so bytes that do not parse
 * are dropped too when they claim to be a response. Undecodable queries get FORMERR when an ID can
 * be recovered.
 */
public final class DnsWireHandler {

    /** RFC 1035 4.2.1: without EDNS a UDP response must fit 512 octets. */
    public static final int CLASSIC_UDP_LIMIT = 512;
    /** The ID is octets 0-1; QR is the top bit of octet 2 (RFC 1035 4.1.1). */
    private static final int FLAGS_OCTET = 2;
    private static final int QR_BIT = 0x80;

    /** What a transport received, decided from the bytes alone. */
    public sealed interface Received permits Query, Undecodable, Ignored {
    }

    /** A query (or a signed message, or an update) to answer; {@code wire} is what arrived, which a TSIG MAC covers. */
    public record Query(Message message, byte[] wire) implements Received {
    }

    /** Not a decodable DNS message, but a query with an ID: FORMERR (encoded, at most the transport's size) answers it. */
    public record Undecodable(byte[] formatError) implements Received {
    }

    /** A response (QR=1) or too short to carry an ID: nothing is sent back. */
    public record Ignored(String reason) implements Received {
    }

    private final ZoneAnswerer answerer;
    private final ResponseEncoder encoder;
    private final QueryObserver observer;
    /** TSIG-signed messages and dynamic updates; null where the transport takes neither (they are then answered as plain queries, UPDATE with NOTIMP). */
    private final SignedExchange signed;

    public DnsWireHandler(ZoneAnswerer answerer, ResponseEncoder encoder) {
        this(answerer, encoder, QueryObserver.NONE);
    }

    public DnsWireHandler(ZoneAnswerer answerer, ResponseEncoder encoder, QueryObserver observer) {
        this(answerer, encoder, observer, null);
    }

    public DnsWireHandler(ZoneAnswerer answerer, ResponseEncoder encoder, QueryObserver observer, SignedExchange signed) {
        this.answerer = Objects.requireNonNull(answerer, "answerer");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.signed = signed;
    }

    /** The one decision every transport makes first: answer, FORMERR, or silence. */
    public static Received receive(byte[] wire, int maxSize) {
        if (wire.length > FLAGS_OCTET && (wire[FLAGS_OCTET] & QR_BIT) != 0) {
            return new Ignored("the message is a response (QR=1), not a query");
        }
        Message parsed = parseOrNull(wire);
        if (parsed != null) {
            return new Query(parsed, wire);
        }
        if (wire.length < 2) {
            return new Ignored("the message is too short to carry a DNS header");
        }
        int id = ((wire[0] & 0xFF) << 8) | (wire[1] & 0xFF);
        return new Undecodable(ZoneAnswerer.formatError(id).toWire(maxSize));
    }

    /** Datagram transport: the size limit comes from the query's EDNS payload size. Null means drop. */
    public byte[] handleDatagram(byte[] query) {
        Received received = receive(query, CLASSIC_UDP_LIMIT);
        if (received instanceof Query q) {
            return respondToDatagram(q);
        }
        return formatErrorOrNothing(received);
    }

    /** The datagram answer to a query already received (see {@link #answersWithoutWaiting}). */
    public byte[] respondToDatagram(Query query) {
        return respond(query, datagramLimit(query.message()));
    }

    /**
     * True when the answer needs no upstream round trip, so a receive thread can give it inline.
     * Signed messages and updates read keys from and write to the database: never inline.
     */
    public boolean answersWithoutWaiting(Message query) {
        return (signed == null || !SignedExchange.handles(query)) && answerer.answersWithoutWaiting(query);
    }

    /** Stream transport (TCP): only the 2-byte length prefix limits the size. Null means drop. */
    public byte[] handleStream(byte[] query) {
        Received received = receive(query, ResponseEncoder.MAX_STREAM_MESSAGE);
        if (received instanceof Query q) {
            return respond(q, ResponseEncoder.MAX_STREAM_MESSAGE);
        }
        return formatErrorOrNothing(received);
    }

    private byte[] formatErrorOrNothing(Received received) {
        if (received instanceof Undecodable u) {
            observer.answered(Rcode.FORMERR, 0);
            return u.formatError();
        }
        return null;
    }

    /** The answer to a query; {@link #receive} has made sure it is one. */
    public byte[] respond(Query query, int maxSize) {
        long t0 = System.nanoTime();
        Message message = query.message();
        Message answer;
        byte[] wire;
        if (signed != null && SignedExchange.handles(message)) {
            answer = signed.respond(message, query.wire(), answerer::answer);
            // toWire(max) is where dnsjava signs (and leaves room for the TSIG); no padding, which would have to precede the MAC.
            wire = answer.toWire(maxSize);
        } else {
            answer = answerer.answer(message);
            wire = encoder.encode(answer, maxSize);
        }
        observer.answered(answer.getRcode(), System.nanoTime() - t0);
        return wire;
    }

    /** Parses a DNS message, or returns null when the bytes are not one. */
    static Message parseOrNull(byte[] wire) {
        try {
            return new Message(wire);
        } catch (IOException | RuntimeException e) {
            // dnsjava signals most garbage with WireParseException, but some malformed rdata surfaces as runtime errors.
            return null;
        }
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
