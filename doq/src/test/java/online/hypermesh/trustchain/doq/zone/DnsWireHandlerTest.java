package online.hypermesh.trustchain.doq.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.net.Inet6Address;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class DnsWireHandlerTest {

    private static final Name BIG = Name.fromConstantString("big.hypermesh.online.");

    private static MeshZone zoneWithBigRrset() {
        MeshZone zone = TestZones.meshZone();
        List<Inet6Address> many = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            many.add(TestZones.v6("2001:db8::" + Integer.toHexString(i)));
        }
        zone.putAaaa(BIG, many);
        return zone;
    }

    private static Message aaaa(Name name, OPTRecord opt) {
        Message q = Message.newQuery(Record.newRecord(name, Type.AAAA, DClass.IN));
        if (opt != null) {
            q.addRecord(opt, Section.ADDITIONAL);
        }
        return q;
    }

    @Test
    void udpWithoutEdnsIsTruncatedAt512() throws Exception {
        DnsWireHandler h = new DnsWireHandler(new ZoneAnswerer(zoneWithBigRrset()), ResponseEncoder.unpadded());
        byte[] wire = h.handleDatagram(aaaa(BIG, null).toWire());
        assertTrue(wire.length <= 512);
        assertTrue(new Message(wire).getHeader().getFlag(Flags.TC));
    }

    @Test
    void udpWithEdnsFitsAdvertisedSize() throws Exception {
        DnsWireHandler h = new DnsWireHandler(new ZoneAnswerer(zoneWithBigRrset()), ResponseEncoder.unpadded());
        byte[] wire = h.handleDatagram(aaaa(BIG, new OPTRecord(1232, 0, 0)).toWire());
        Message r = new Message(wire);
        assertFalse(r.getHeader().getFlag(Flags.TC));
        assertEquals(40, r.getSection(Section.ANSWER).size());
    }

    @Test
    void streamIsNeverTruncated() throws Exception {
        DnsWireHandler h = new DnsWireHandler(new ZoneAnswerer(zoneWithBigRrset()), ResponseEncoder.unpadded());
        Message r = new Message(h.handleStream(aaaa(BIG, null).toWire()));
        assertEquals(40, r.getSection(Section.ANSWER).size());
    }

    @Test
    void paddedToRfc8467BlockWhenQueryHadOpt() throws Exception {
        DnsWireHandler h = new DnsWireHandler(new ZoneAnswerer(TestZones.meshZone()), ResponseEncoder.rfc8467Padded());
        byte[] wire = h.handleStream(aaaa(TestZones.TRUST, new OPTRecord(1232, 0, 0)).toWire());
        assertEquals(0, wire.length % ResponseEncoder.RFC8467_RESPONSE_BLOCK);
        Message r = new Message(wire);
        List<EDNSOption> options = r.getOPT().getOptions();
        assertEquals(ResponseEncoder.EDNS_PADDING, options.get(0).getCode());
        assertEquals(1, r.getSection(Section.ANSWER).size());
    }

    @Test
    void noPaddingWithoutOpt() {
        DnsWireHandler h = new DnsWireHandler(new ZoneAnswerer(TestZones.meshZone()), ResponseEncoder.rfc8467Padded());
        byte[] wire = h.handleStream(aaaa(TestZones.TRUST, null).toWire());
        assertTrue(wire.length < ResponseEncoder.RFC8467_RESPONSE_BLOCK);
    }

    @Test
    void paddingBlockIsAParameter() {
        DnsWireHandler h = new DnsWireHandler(new ZoneAnswerer(TestZones.meshZone()), new ResponseEncoder(128));
        byte[] wire = h.handleStream(aaaa(TestZones.TRUST, new OPTRecord(1232, 0, 0)).toWire());
        assertEquals(0, wire.length % 128);
    }

    @Test
    void garbageGetsFormerrWithItsId() throws Exception {
        DnsWireHandler h = new DnsWireHandler(new ZoneAnswerer(TestZones.meshZone()), ResponseEncoder.unpadded());
        byte[] garbage = {0x12, 0x34, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 3, 'f'};
        Message r = new Message(h.handleStream(garbage));
        assertEquals(0x1234, r.getHeader().getID());
        assertEquals(Rcode.FORMERR, r.getRcode());
        assertNull(h.handleDatagram(new byte[] {1}));
    }

    @Test
    void observerIsToldTheRcodeOfEveryAnswer_includingFormerr() throws Exception {
        List<Integer> rcodes = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        DnsWireHandler h = new DnsWireHandler(new ZoneAnswerer(TestZones.meshZone()), ResponseEncoder.unpadded(), (rcode, nanos) -> {
            rcodes.add(rcode);
            times.add(nanos);
        });
        h.handleDatagram(aaaa(Name.fromConstantString("trust.hypermesh.online."), null).toWire());
        h.handleStream(aaaa(Name.fromConstantString("nope.hypermesh.online."), null).toWire());
        h.handleStream(new byte[] {0x12, 0x34, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 3, 'f'});
        assertEquals(List.of(Rcode.NOERROR, Rcode.NXDOMAIN, Rcode.FORMERR), rcodes);
        assertTrue(times.get(0) > 0 && times.get(1) > 0);
    }

    /** A real response to a real query, as another server would send it. */
    static byte[] responseTo(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setRcode(Rcode.FORMERR);
        return response.toWire();
    }

    @Test
    void responsesAreNeverAnswered_notEvenWithFormerr() throws Exception {
        DnsWireHandler h = new DnsWireHandler(new ZoneAnswerer(TestZones.meshZone()), ResponseEncoder.unpadded());
        byte[] formerr = responseTo(aaaa(TestZones.TRUST, null));
        assertNull(h.handleDatagram(formerr), "UDP");
        assertNull(h.handleStream(formerr), "TCP");
        byte[] answer = h.handleDatagram(aaaa(TestZones.TRUST, null).toWire());
        assertTrue(new Message(answer.clone()).getHeader().getFlag(Flags.QR));
        assertNull(h.handleDatagram(answer), "our own answer reflected back at us");
        assertTrue(DnsWireHandler.receive(answer, 512) instanceof DnsWireHandler.Ignored);
    }

    @Test
    void undecodableBytesThatClaimToBeAResponseAreDroppedToo() {
        DnsWireHandler h = new DnsWireHandler(new ZoneAnswerer(TestZones.meshZone()), ResponseEncoder.unpadded());
        byte[] garbage = {0x12, 0x34, (byte) 0x80, 0, 0, 5, 0, 0, 0, 0, 0, 0, 3, 'f'};
        assertNull(h.handleDatagram(garbage));
        assertNull(h.handleStream(garbage));
        byte[] queryGarbage = garbage.clone();
        queryGarbage[2] = 0;
        assertEquals(Rcode.FORMERR, rcode(h.handleDatagram(queryGarbage)), "the same bytes as a query get FORMERR");
    }

    private static int rcode(byte[] wire) {
        try {
            return new Message(wire).getRcode();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
