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

    @Test
    void batch_publishesOneSnapshotForManyChanges() throws Exception {
        MeshZone zone = new MeshZone(ZoneSettings.meshDefaults("trust.hypermesh.online"));
        long before = zone.snapshot().soa().getSerial();
        byte[] spki = java.security.KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic().getEncoded();
        zone.batch(() -> {
            for (int i = 0; i < 100; i++) {
                zone.addTlsa(java.math.BigInteger.valueOf(i), org.xbill.DNS.Name.fromConstantString("svc-" + i), 443, spki);
            }
            assertEquals(before, zone.snapshot().soa().getSerial(), "nothing is visible before the batch ends");
        });
        assertEquals(before + 1, zone.snapshot().soa().getSerial());
        zone.batch(() -> { });
        assertEquals(before + 1, zone.snapshot().soa().getSerial(), "an empty batch publishes nothing");
    }
}
