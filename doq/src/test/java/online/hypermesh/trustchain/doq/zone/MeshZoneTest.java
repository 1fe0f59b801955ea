package online.hypermesh.trustchain.doq.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

class MeshZoneTest {

    private static final Name TLSA_OWNER = Name.fromConstantString("_443._tcp.trust.hypermesh.online.");

    @Test
    void apexHasSoaNsAndCaa() {
        ZoneSnapshot s = TestZones.meshZone().snapshot();
        Name apex = s.origin();
        assertEquals(1, s.lookup(apex, Type.SOA).size());
        assertEquals(1, s.lookup(apex, Type.NS).size());
        assertEquals("0 issue \"ca.hypermesh.online\"", s.lookup(apex, Type.CAA).get(0).rdataToString());
    }

    @Test
    void tlsaIsKeyedBySerialSoRevocationRemovesOnlyThatOne() {
        MeshZone zone = TestZones.meshZone();
        zone.addTlsa(BigInteger.ONE, TestZones.TRUST, 443, new byte[] {1});
        zone.addTlsa(BigInteger.TWO, TestZones.TRUST, 443, new byte[] {2});
        assertEquals(2, zone.snapshot().lookup(TLSA_OWNER, Type.TLSA).size());

        assertTrue(zone.removeTlsa(BigInteger.ONE));
        assertFalse(zone.removeTlsa(BigInteger.ONE));
        assertEquals(1, zone.snapshot().lookup(TLSA_OWNER, Type.TLSA).size());
        assertTrue(zone.snapshot().nameExists(Name.fromConstantString("_tcp.trust.hypermesh.online.")),
                "empty non-terminal above the TLSA owner exists");
    }

    @Test
    void writesPublishNewSnapshotAndBumpSerial() {
        MeshZone zone = TestZones.meshZone();
        ZoneSnapshot before = zone.snapshot();
        zone.putAaaa(Name.fromConstantString("node7"), List.of(TestZones.v6("2001:db8::7")));
        ZoneSnapshot after = zone.snapshot();
        assertNotSame(before, after);
        assertEquals(before.soa().getSerial() + 1, after.soa().getSerial());
        assertTrue(before.lookup(Name.fromConstantString("node7.hypermesh.online."), Type.AAAA).isEmpty(),
                "old snapshot is immutable");
        assertEquals(1, after.lookup(Name.fromConstantString("node7.hypermesh.online."), Type.AAAA).size());

        assertTrue(zone.removeAaaa(Name.fromConstantString("node7.hypermesh.online.")));
        assertFalse(zone.snapshot().nameExists(Name.fromConstantString("node7.hypermesh.online.")));
    }

    @Test
    void rejectsNamesOutsideZone() {
        MeshZone zone = TestZones.meshZone();
        assertThrows(IllegalArgumentException.class,
                () -> zone.putAaaa(Name.fromConstantString("example.com."), List.of(TestZones.v6("::1"))));
    }
}
