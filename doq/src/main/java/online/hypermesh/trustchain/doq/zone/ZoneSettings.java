package online.hypermesh.trustchain.doq.zone;

import java.util.List;
import java.util.Objects;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.Name;

/**
 * Static parameters of the zone: what the SOA, NS and CAA at the apex say.
 *
 * @param origin        absolute zone apex, e.g. {@code hypermesh.online.}
 * @param nameServers   absolute names of the authoritative servers (NS at the apex)
 * @param hostmaster    SOA RNAME, e.g. {@code hostmaster.hypermesh.online.}
 * @param caDomain      issuer domain for {@code CAA 0 issue}, i.e. TrustChain's own CA name
 * @param ttl           TTL of positive records
 * @param negativeTtl   SOA MINIMUM; caps how long resolvers cache NXDOMAIN/NODATA (RFC 2308)
 * @param caa           CAA records the operator publishes in the zone, owners absolute and in the
 *                      zone; records at the apex replace the default {@code 0 issue "<caDomain>"}
 */
public record ZoneSettings(Name origin, List<Name> nameServers, Name hostmaster, String caDomain,
                           long ttl, long negativeTtl, List<CAARecord> caa) {

    public ZoneSettings(Name origin, List<Name> nameServers, Name hostmaster, String caDomain, long ttl, long negativeTtl) {
        this(origin, nameServers, hostmaster, caDomain, ttl, negativeTtl, List.of());
    }

    public ZoneSettings {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(hostmaster, "hostmaster");
        Objects.requireNonNull(caDomain, "caDomain");
        if (!origin.isAbsolute() || !hostmaster.isAbsolute()) {
            throw new IllegalArgumentException("origin and hostmaster must be absolute names");
        }
        nameServers = List.copyOf(nameServers);
        if (nameServers.isEmpty()) {
            throw new IllegalArgumentException("a zone needs at least one NS");
        }
        if (ttl < 0 || negativeTtl < 0) {
            throw new IllegalArgumentException("TTLs must not be negative");
        }
        caa = List.copyOf(caa);
        for (CAARecord record : caa) {
            if (!record.getName().subdomain(origin)) {
                throw new IllegalArgumentException("CAA record " + record + " is outside zone " + origin);
            }
        }
    }

    /** Defaults for the mesh: {@code hypermesh.online.} served by {@code ns1}, CAA naming the given CA. */
    public static ZoneSettings meshDefaults(String caDomain) {
        Name origin = Name.fromConstantString("hypermesh.online.");
        return new ZoneSettings(origin, List.of(Name.fromConstantString("ns1.hypermesh.online.")),
                Name.fromConstantString("hostmaster.hypermesh.online."), caDomain, 300, 60);
    }
}
