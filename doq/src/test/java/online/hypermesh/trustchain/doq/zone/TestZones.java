package online.hypermesh.trustchain.doq.zone;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.xbill.DNS.Name;

/** Shared fixture: the mesh zone with one host, {@code trust.hypermesh.online} at 2001:db8::1. */
public final class TestZones {

    public static final String CA_DOMAIN = "ca.hypermesh.online";
    public static final Name TRUST = Name.fromConstantString("trust.hypermesh.online.");

    private TestZones() {
    }

    public static MeshZone meshZone() {
        MeshZone zone = new MeshZone(ZoneSettings.meshDefaults(CA_DOMAIN));
        zone.putAaaa(TRUST, List.of(v6("2001:db8::1")));
        return zone;
    }

    public static Inet6Address v6(String literal) {
        try {
            return (Inet6Address) InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
