package online.hypermesh.trustchain.doq.zone;

import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * What answering a query needs from a zone. Every call is lock-free and sees each name either
 * before or after a change, never in between; two calls may see different versions of the zone.
 */
public interface ZoneReader {

    Name origin();

    /** The current SOA; its serial grows with every published change. */
    SOARecord soa();

    /** True when the name is at or below the origin, i.e. this server is authoritative for it. */
    default boolean isInZone(Name name) {
        return name.subdomain(origin());
    }

    /** True when the name owns records or is an empty non-terminal above an owner (RFC 8020: NODATA, not NXDOMAIN). */
    boolean nameExists(Name name);

    /** Records of one type at a name; ANY returns every record at the name. Never null. */
    List<Record> lookup(Name name, int type);
}
