package online.hypermesh.trustchain.doq.zone;

import java.util.List;
import java.util.Objects;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * Turns a parsed query into an authoritative response from the zone.
 * Transport concerns (size limits, truncation, padding) live in {@link ResponseEncoder}.
 */
public final class ZoneAnswerer {

    /** Advertised EDNS UDP payload size; 1232 avoids IPv6 fragmentation (DNS flag day 2020). */
    public static final int EDNS_PAYLOAD_SIZE = 1232;

    private final ZoneReader zone;
    private final OutOfZoneResolver outside;

    /** Authoritative only: names outside the zone are REFUSED. */
    public ZoneAnswerer(ZoneReader zone) {
        this(zone, OutOfZoneResolver.REFUSING);
    }

    public ZoneAnswerer(ZoneReader zone, OutOfZoneResolver outside) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.outside = Objects.requireNonNull(outside, "outside");
    }

    /** The response to a query; responses (QR=1) never get here, {@link DnsWireHandler#receive} drops them. */
    public Message answer(Message query) {
        Message response = replySkeleton(query);
        if (outside.recursionAvailable()) {
            response.getHeader().setFlag(Flags.RA);
        }
        int opcode = query.getHeader().getOpcode();
        if (opcode != Opcode.QUERY) {
            return withRcode(response, Rcode.NOTIMP);
        }
        List<Record> questions = query.getSection(Section.QUESTION);
        if (questions.size() != 1) {
            return withRcode(response, Rcode.FORMERR);
        }
        Record question = questions.get(0);
        response.addRecord(question, Section.QUESTION);
        echoOpt(query, response);

        Name qname = question.getName();
        if (!zone.isInZone(qname)) {
            OPTRecord opt = query.getOPT();
            boolean dnssecOk = opt != null && (opt.getFlags() & ExtendedFlags.DO) != 0;
            outside.resolve(question, query.getHeader().getFlag(Flags.RD), dnssecOk, response);
            return response;
        }
        if (question.getDClass() != DClass.IN && question.getDClass() != DClass.ANY) {
            return withRcode(response, Rcode.REFUSED);
        }
        response.getHeader().setFlag(Flags.AA);
        List<Record> answers = zone.lookup(qname, question.getType());
        if (!answers.isEmpty()) {
            answers.forEach(r -> response.addRecord(r, Section.ANSWER));
            return response;
        }
        // Negative answer: SOA in authority lets resolvers cache it (RFC 2308 section 3 and 5).
        response.addRecord(negativeSoa(zone.soa()), Section.AUTHORITY);
        return withRcode(response, zone.nameExists(qname) ? Rcode.NOERROR : Rcode.NXDOMAIN);
    }

    /**
     * True when answering needs no network round trip (a zone name, a malformed query, or nothing to
     * forward to), so a transport may answer on its receive thread instead of handing off.
     */
    public boolean answersWithoutWaiting(Message query) {
        if (!outside.recursionAvailable()) {
            return true;
        }
        List<Record> questions = query.getSection(Section.QUESTION);
        return questions.size() != 1 || zone.isInZone(questions.get(0).getName());
    }

    /** FORMERR for bytes that do not parse as DNS; keeps the ID so the client can match it. */
    public static Message formatError(int id) {
        Message response = new Message(id);
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setRcode(Rcode.FORMERR);
        return response;
    }

    private static Message replySkeleton(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setOpcode(query.getHeader().getOpcode());
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        return response;
    }

    private static Message withRcode(Message response, int rcode) {
        response.getHeader().setRcode(rcode);
        return response;
    }

    /** RFC 6891 7: a server that saw OPT answers with OPT; the DO bit is copied (RFC 3225). */
    private static void echoOpt(Message query, Message response) {
        OPTRecord opt = query.getOPT();
        if (opt == null) {
            return;
        }
        int flags = opt.getFlags() & ExtendedFlags.DO;
        response.addRecord(new OPTRecord(EDNS_PAYLOAD_SIZE, 0, 0, flags), Section.ADDITIONAL);
    }

    /** RFC 2308 section 5: the negative TTL is min(SOA TTL, SOA MINIMUM). */
    private static SOARecord negativeSoa(SOARecord soa) {
        long ttl = Math.min(soa.getTTL(), soa.getMinimum());
        return new SOARecord(soa.getName(), soa.getDClass(), ttl, soa.getHost(), soa.getAdmin(),
                soa.getSerial(), soa.getRefresh(), soa.getRetry(), soa.getExpire(), soa.getMinimum());
    }
}
