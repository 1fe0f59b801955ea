package online.hypermesh.trustchain.doq.update;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;

/**
 * Messages signed with TSIG (RFC 8945) and dynamic updates (RFC 2136), which must be signed here.
 *
 * <p>A signed message is verified against the keyring before anything else: an unknown key or
 * algorithm is NOTAUTH with TSIG error BADKEY, a wrong MAC BADSIG, a time outside the fudge BADTIME
 * (RFC 8945 5.2); those answers are not signed, since the client's key could not be used. A
 * verified query is answered from the zone and its answer signed (RFC 8945 5.3), as certbot's
 * rfc2136 plugin expects of its SOA lookups. An UPDATE without TSIG is REFUSED: the zone has no
 * unauthenticated update policy.
 */
public final class SignedExchange {
    private static final Logger LOG = Logger.getLogger(SignedExchange.class.getName());

    private final TsigKeyring keys;
    private final ZoneUpdater updater;
    private final Name origin;

    public SignedExchange(TsigKeyring keys, ZoneUpdater updater, Name origin) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.updater = Objects.requireNonNull(updater, "updater");
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    /** Whether {@link #respond} handles this message rather than the plain zone answerer. */
    public static boolean handles(Message message) {
        return message.getTSIG() != null || message.getHeader().getOpcode() == Opcode.UPDATE;
    }

    /**
     * @param wire    the message as received (the MAC covers these bytes)
     * @param queries the zone's answer to a verified query
     */
    public Message respond(Message message, byte[] wire, Function<Message, Message> queries) {
        TSIGRecord tsig = message.getTSIG();
        boolean update = message.getHeader().getOpcode() == Opcode.UPDATE;
        if (tsig == null) {
            return reply(message, Rcode.REFUSED);
        }
        Optional<TSIG> key = keys.key(tsig.getName()).filter(k -> k.algorithm().equals(tsig.getAlgorithm())).map(TsigKey::signer);
        if (key.isEmpty()) {
            LOG.fine(() -> "TSIG key " + tsig.getName() + " (" + tsig.getAlgorithm() + ") is unknown");
            return unsigned(message, Rcode.BADKEY);
        }
        int error = key.get().verify(message, wire, null);
        if (error != Rcode.NOERROR) {
            LOG.fine(() -> "TSIG of key " + tsig.getName() + " does not verify: " + Rcode.TSIGstring(error));
            return unsigned(message, error);
        }
        Message response;
        if (update) {
            response = reply(message, apply(message, tsig.getName()));
        } else if (message.getHeader().getOpcode() == Opcode.QUERY) {
            response = queries.apply(message);
        } else {
            response = reply(message, Rcode.NOTIMP);
        }
        response.setTSIG(key.get(), Rcode.NOERROR, tsig);
        return response;
    }

    private int apply(Message message, Name keyName) {
        ZoneUpdate parsed;
        try {
            parsed = ZoneUpdate.parse(message, origin);
        } catch (ZoneUpdate.Refused e) {
            LOG.fine(() -> "update with key " + keyName + " not applied: " + e.getMessage());
            return e.rcode();
        }
        try {
            return updater.apply(parsed, keyName.toString());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "applying an update with key " + keyName + " failed", e);
            return Rcode.SERVFAIL;
        }
    }

    /** RFC 8945 5.2: NOTAUTH in the header, the TSIG error in an unsigned TSIG record (empty MAC). */
    private static Message unsigned(Message message, int tsigError) {
        Message response = reply(message, Rcode.NOTAUTH);
        TSIGRecord q = message.getTSIG();
        response.addRecord(new TSIGRecord(q.getName(), q.getDClass(), 0, q.getAlgorithm(), q.getTimeSigned(), q.getFudge(), new byte[0],
                message.getHeader().getID(), tsigError, null), Section.ADDITIONAL);
        return response;
    }

    /** Header and zone/question section of the request (RFC 2136 3.8 allows the zone section back). */
    private static Message reply(Message message, int rcode) {
        Message response = new Message(message.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setOpcode(message.getHeader().getOpcode());
        response.getHeader().setRcode(rcode);
        for (Record r : message.getSection(Section.QUESTION)) {
            response.addRecord(r, Section.QUESTION);
        }
        return response;
    }
}
