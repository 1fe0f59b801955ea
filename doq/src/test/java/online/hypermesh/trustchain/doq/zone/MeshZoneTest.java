package online.hypermesh.trustchain.doq.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

class MeshZoneTest {

    private static final Name TLSA_OWNER = Name.fromConstantString("_443._tcp.trust.hypermesh.online.");
    private static final Name TCP_ENT = Name.fromConstantString("_tcp.trust.hypermesh.online.");

    private static byte[] spki() throws Exception {
        return KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic().getEncoded();
    }

    @Test
    void apexHasSoaNsAndCaa() {
        MeshZone zone = TestZones.meshZone();
        Name apex = zone.origin();
        assertEquals(1, zone.lookup(apex, Type.SOA).size());
        assertEquals(1, zone.lookup(apex, Type.NS).size());
        assertEquals("0 issue \"ca.hypermesh.online\"", zone.lookup(apex, Type.CAA).get(0).rdataToString());
        assertEquals(zone.soa(), zone.lookup(apex, Type.SOA).get(0));
    }

    @Test
    void configuredCaaRecords_arePublished_andAtTheApexReplaceTheDefault() {
        Name apex = Name.fromConstantString("hypermesh.online.");
        Name legacy = Name.fromConstantString("legacy.hypermesh.online.");
        ZoneSettings base = ZoneSettings.meshDefaults("ca.hypermesh.online");
        MeshZone zone = new MeshZone(new ZoneSettings(base.origin(), base.nameServers(), base.hostmaster(), base.caDomain(), 300, 60,
                List.of(new org.xbill.DNS.CAARecord(legacy, org.xbill.DNS.DClass.IN, 1, 0, "issue", "letsencrypt.org"),
                        new org.xbill.DNS.CAARecord(apex, org.xbill.DNS.DClass.IN, 1, 0, "issuewild", ";"),
                        new org.xbill.DNS.CAARecord(apex, org.xbill.DNS.DClass.IN, 1, 0, "issue", "ca.hypermesh.online"))));
        assertEquals("0 issue \"letsencrypt.org\"", zone.lookup(legacy, Type.CAA).get(0).rdataToString());
        assertEquals(300, zone.lookup(legacy, Type.CAA).get(0).getTTL(), "the zone's TTL");
        assertEquals(List.of("0 issuewild \";\"", "0 issue \"ca.hypermesh.online\""),
                zone.lookup(apex, Type.CAA).stream().map(Record::rdataToString).toList());
        assertTrue(zone.nameExists(legacy));
    }

    @Test
    void tlsaIsKeyedBySerialSoRevocationRemovesOnlyThatOne() {
        MeshZone zone = TestZones.meshZone();
        zone.addTlsa(BigInteger.ONE, TestZones.TRUST, 443, new byte[] {1});
        zone.addTlsa(BigInteger.TWO, TestZones.TRUST, 443, new byte[] {2});
        assertEquals(2, zone.lookup(TLSA_OWNER, Type.TLSA).size());

        assertTrue(zone.removeTlsa(BigInteger.ONE));
        assertFalse(zone.removeTlsa(BigInteger.ONE));
        assertEquals(1, zone.lookup(TLSA_OWNER, Type.TLSA).size());
        assertTrue(zone.nameExists(TCP_ENT), "empty non-terminal above the TLSA owner exists");
    }

    @Test
    void twoSerialsWithOneKeyShareOneRecord_untilTheLastGoes() throws Exception {
        MeshZone zone = TestZones.meshZone();
        byte[] key = spki();
        zone.addTlsa(BigInteger.ONE, TestZones.TRUST, 443, key);
        zone.addTlsa(BigInteger.TWO, TestZones.TRUST, 443, key);
        assertEquals(1, zone.lookup(TLSA_OWNER, Type.TLSA).size(), "no duplicate in an RRset (RFC 2181 5)");
        zone.removeTlsa(BigInteger.ONE);
        assertEquals(1, zone.lookup(TLSA_OWNER, Type.TLSA).size(), "the other certificate still publishes it");
        zone.removeTlsa(BigInteger.TWO);
        assertTrue(zone.lookup(TLSA_OWNER, Type.TLSA).isEmpty());
    }

    @Test
    void emptyNonTerminalsExistWhileAnOwnerBelowExists_andVanishWithIt() throws Exception {
        MeshZone zone = TestZones.meshZone();
        Name web = Name.fromConstantString("web.hypermesh.online.");
        Name owner = Name.fromConstantString("_443._tcp.web.hypermesh.online.");
        Name ent = Name.fromConstantString("_tcp.web.hypermesh.online.");
        zone.addTlsa(BigInteger.TEN, web, 443, spki());
        assertTrue(zone.nameExists(owner));
        assertTrue(zone.nameExists(ent), "_tcp is an empty non-terminal");
        assertTrue(zone.nameExists(web), "web owns nothing but is above an owner");
        assertTrue(zone.lookup(web, Type.AAAA).isEmpty());

        zone.putAaaa(web, List.of(TestZones.v6("2001:db8::5")));
        zone.removeTlsa(BigInteger.TEN);
        assertFalse(zone.nameExists(owner));
        assertFalse(zone.nameExists(ent), "no owner below any more");
        assertTrue(zone.nameExists(web), "still owns its AAAA");

        zone.removeAaaa(web);
        assertFalse(zone.nameExists(web));
        assertTrue(zone.nameExists(zone.origin()), "the apex always exists");
    }

    @Test
    void everyChangeRaisesTheSerial() {
        MeshZone zone = TestZones.meshZone();
        long before = zone.soa().getSerial();
        Name node7 = Name.fromConstantString("node7.hypermesh.online.");
        zone.putAaaa(Name.fromConstantString("node7"), List.of(TestZones.v6("2001:db8::7")));
        assertEquals(before + 1, zone.soa().getSerial());
        assertEquals(1, zone.lookup(node7, Type.AAAA).size());

        assertTrue(zone.removeAaaa(node7));
        assertEquals(before + 2, zone.soa().getSerial());
        assertFalse(zone.nameExists(node7));
        assertFalse(zone.removeAaaa(node7));
        assertEquals(before + 2, zone.soa().getSerial(), "removing nothing changes nothing");
    }

    @Test
    void replacingAddressesReplacesTheWholeRrset() {
        MeshZone zone = TestZones.meshZone();
        zone.putAaaa(TestZones.TRUST, List.of(TestZones.v6("2001:db8::2"), TestZones.v6("2001:db8::3"), TestZones.v6("2001:db8::2")));
        List<Record> aaaa = zone.lookup(TestZones.TRUST, Type.AAAA);
        assertEquals(2, aaaa.size(), "duplicates collapse, the old address is gone");
    }

    @Test
    void rejectsNamesOutsideZone() {
        MeshZone zone = TestZones.meshZone();
        assertThrows(IllegalArgumentException.class,
                () -> zone.putAaaa(Name.fromConstantString("example.com."), List.of(TestZones.v6("::1"))));
    }

    @Test
    void batch_makesChangesVisibleAtItsEnd_withOneSerialIncrement() throws Exception {
        MeshZone zone = new MeshZone(ZoneSettings.meshDefaults("trust.hypermesh.online"));
        long before = zone.soa().getSerial();
        byte[] spki = spki();
        Name svc0 = Name.fromConstantString("_443._tcp.svc-0.hypermesh.online.");
        zone.batch(() -> {
            for (int i = 0; i < 100; i++) {
                zone.addTlsa(BigInteger.valueOf(i), Name.fromConstantString("svc-" + i), 443, spki);
            }
            assertEquals(before, zone.soa().getSerial(), "nothing is visible before the batch ends");
            assertFalse(zone.nameExists(svc0));
        });
        assertEquals(before + 1, zone.soa().getSerial());
        assertEquals(1, zone.lookup(svc0, Type.TLSA).size());
        zone.batch(() -> { });
        assertEquals(before + 1, zone.soa().getSerial(), "an empty batch publishes nothing");
    }

    @Test
    void aReaderSeesEachNameEitherBeforeOrAfterItsChange() throws Exception {
        MeshZone zone = TestZones.meshZone();
        byte[] a = spki();
        byte[] b = spki();
        zone.addTlsa(BigInteger.ONE, TestZones.TRUST, 443, a);
        zone.addTlsa(BigInteger.TWO, TestZones.TRUST, 443, b);
        AtomicReference<String> violation = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            while (done.getCount() > 0) {
                int n = zone.lookup(TLSA_OWNER, Type.TLSA).size();
                if (n != 2) {
                    violation.set("saw " + n + " TLSA records");
                }
            }
        });
        reader.start();
        // Each batch swaps the key of serial 2 and must never show the owner with one record or three.
        for (int i = 0; i < 2000; i++) {
            byte[] next = i % 2 == 0 ? a : b;
            zone.batch(() -> {
                zone.removeTlsa(BigInteger.TWO);
                zone.addTlsa(BigInteger.TWO, TestZones.TRUST, 443, next == a ? spkiFlip(b) : b);
            });
        }
        done.countDown();
        reader.join();
        assertEquals(null, violation.get());
    }

    /** A different valid-looking SPKI byte string for the swap, so consecutive batches really differ. */
    private static byte[] spkiFlip(byte[] spki) {
        byte[] copy = spki.clone();
        copy[copy.length - 1] ^= 1;
        return copy;
    }
}
