package online.hypermesh.trustchain.ca.api;

import java.util.List;

import jakarta.ejb.Local;

/** The zone's AAAA records as the REST API manages them. Reading needs any token, changing an admin token. */
@Local
public interface DnsRecords {
    /** The zone origin, absolute. */
    String zone();

    List<DnsRecordView> list(Caller caller);

    /** Replaces the addresses of a name (created if new); BAD_NAME for a bad name or address. */
    DnsRecordView put(String name, List<String> aaaa, Caller caller);

    /** Removes a name; NOT_FOUND if it has no records. */
    void delete(String name, Caller caller);

    /** Hit and miss counts of the forwarding cache; admin only. */
    DnsCacheView cache(Caller caller);
}
