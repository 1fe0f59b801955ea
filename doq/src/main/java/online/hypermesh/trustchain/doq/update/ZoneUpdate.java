package online.hypermesh.trustchain.doq.update;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * An RFC 2136 UPDATE message after its zone section (3.1) and the update section's prescan
 * (3.4.1): each change is an addition, the deletion of an RRset, of all RRsets of a name, or of
 * one RR. This server keeps only TXT records through updates, so an addition must be a TXT record
 * of one string; anything the prescan rejects is a {@link Refused} with the RFC's response code.
 *
 * <p>Prerequisites (3.2) are not evaluated: an update that carries any is REFUSED, rather than
 * applied as if its conditions held. Clients that place ACME challenge records (certbot's
 * rfc2136 plugin, lego, nsupdate without {@code prereq}) send none.
 */
public record ZoneUpdate(Name zone, List<Change> changes) {

    /** The longest TXT string a record carries (RFC 1035 3.3.14: one length octet). */
    public static final int MAX_TXT_STRING = 255;

    public enum Kind { ADD, DELETE_RRSET, DELETE_NAME, DELETE_RR }

    /** @param value the TXT string for ADD and DELETE_RR, null otherwise; type is ANY for DELETE_NAME */
    public record Change(Kind kind, Name owner, int type, long ttl, String value) {
        public Change {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(owner, "owner");
        }
    }

    /** Why an update is not applied, as the response code of RFC 2136 3 and a reason for the log and audit. */
    public static final class Refused extends RuntimeException {
        private final int rcode;

        public Refused(int rcode, String reason) {
            super(reason);
            this.rcode = rcode;
        }

        public int rcode() {
            return rcode;
        }
    }

    public ZoneUpdate {
        Objects.requireNonNull(zone, "zone");
        changes = List.copyOf(changes);
    }

    /** The zone section (3.1.1), then the prescan of each update RR (3.4.1); origin is the one zone served. */
    public static ZoneUpdate parse(Message update, Name origin) {
        List<Record> zoneSection = update.getSection(Section.ZONE);
        if (zoneSection.size() != 1 || zoneSection.get(0).getType() != Type.SOA) {
            throw new Refused(Rcode.FORMERR, "the zone section must hold exactly one SOA question (RFC 2136 3.1.1)");
        }
        Record zone = zoneSection.get(0);
        if (!zone.getName().equals(origin) || zone.getDClass() != DClass.IN) {
            throw new Refused(Rcode.NOTAUTH, "this server is authoritative for " + origin + " IN only, not for " + zone.getName());
        }
        if (!update.getSection(Section.PREREQ).isEmpty()) {
            throw new Refused(Rcode.REFUSED, "prerequisites are not supported; send the update without them");
        }
        List<Change> changes = new ArrayList<>();
        for (Record r : update.getSection(Section.UPDATE)) {
            changes.add(prescan(r, origin));
        }
        if (changes.isEmpty()) {
            throw new Refused(Rcode.FORMERR, "the update section is empty");
        }
        return new ZoneUpdate(origin, changes);
    }

    private static Change prescan(Record r, Name origin) {
        if (!r.getName().subdomain(origin)) {
            throw new Refused(Rcode.NOTZONE, r.getName() + " is outside the zone " + origin + " (RFC 2136 3.4.1.3)");
        }
        int type = r.getType();
        if (type == Type.AXFR || type == Type.IXFR || type == Type.MAILB || type == Type.MAILA || type == Type.OPT || type == Type.TSIG || type == Type.TKEY) {
            throw new Refused(Rcode.FORMERR, "type " + Type.string(type) + " cannot be updated (RFC 2136 3.4.1.2)");
        }
        switch (r.getDClass()) {
            case DClass.IN -> {
                if (type == Type.ANY) {
                    throw new Refused(Rcode.FORMERR, "an addition needs a real type, not ANY (RFC 2136 3.4.1.2)");
                }
                return new Change(Kind.ADD, r.getName(), type, r.getTTL(), txt(r));
            }
            case DClass.ANY -> {
                if (r.getTTL() != 0) {
                    throw new Refused(Rcode.FORMERR, "a deletion of an RRset has TTL 0 and no data (RFC 2136 2.5.2)");
                }
                return new Change(type == Type.ANY ? Kind.DELETE_NAME : Kind.DELETE_RRSET, r.getName(), type, 0, null);
            }
            case DClass.NONE -> {
                if (r.getTTL() != 0 || type == Type.ANY) {
                    throw new Refused(Rcode.FORMERR, "a deletion of one RR has TTL 0 and a real type (RFC 2136 2.5.4)");
                }
                return new Change(Kind.DELETE_RR, r.getName(), type, 0, txt(r));
            }
            default -> throw new Refused(Rcode.FORMERR, "class " + DClass.string(r.getDClass()) + " in the update section (RFC 2136 3.4.1.2)");
        }
    }

    /** The one string of a TXT record; other types are checked by the updater, which keeps TXT only. */
    private static String txt(Record r) {
        if (!(r instanceof TXTRecord t)) {
            return null;
        }
        List<String> strings = t.getStrings();
        if (strings.size() != 1) {
            throw new Refused(Rcode.REFUSED, "a TXT record updated here holds exactly one string, " + r.getName() + " has " + strings.size());
        }
        return strings.get(0);
    }
}
