package online.hypermesh.trustchain.doq.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class ZoneAnswererTest {

    private final ZoneAnswerer answerer = new ZoneAnswerer(TestZones.meshZone());

    private static Message query(String name, int type) {
        return Message.newQuery(Record.newRecord(Name.fromConstantString(name), type, DClass.IN));
    }

    @Test
    void answersAaaaAuthoritatively() {
        Message q = query("trust.hypermesh.online.", Type.AAAA);
        Message r = answerer.answer(q);
        assertEquals(Rcode.NOERROR, r.getRcode());
        assertTrue(r.getHeader().getFlag(Flags.AA));
        assertTrue(r.getHeader().getFlag(Flags.QR));
        assertEquals(q.getHeader().getID(), r.getHeader().getID());
        List<Record> answers = r.getSection(Section.ANSWER);
        assertEquals(1, answers.size());
        assertEquals(TestZones.v6("2001:db8::1"), ((AAAARecord) answers.get(0)).getAddress());
    }

    @Test
    void caaAtApex() {
        Message r = answerer.answer(query("hypermesh.online.", Type.CAA));
        assertEquals("0 issue \"ca.hypermesh.online\"", r.getSection(Section.ANSWER).get(0).rdataToString());
    }

    @Test
    void unknownNameIsNxdomainWithSoaAndNegativeTtl() {
        Message r = answerer.answer(query("nope.hypermesh.online.", Type.AAAA));
        assertEquals(Rcode.NXDOMAIN, r.getRcode());
        assertTrue(r.getHeader().getFlag(Flags.AA));
        SOARecord soa = (SOARecord) r.getSection(Section.AUTHORITY).get(0);
        assertEquals(Math.min(soa.getMinimum(), 300), soa.getTTL());
        assertEquals(60, soa.getTTL());
    }

    @Test
    void knownNameWithoutTypeIsNodata() {
        Message r = answerer.answer(query("trust.hypermesh.online.", Type.TXT));
        assertEquals(Rcode.NOERROR, r.getRcode());
        assertTrue(r.getSection(Section.ANSWER).isEmpty());
        assertEquals(Type.SOA, r.getSection(Section.AUTHORITY).get(0).getType());
    }

    @Test
    void outsideZoneIsRefused() {
        Message r = answerer.answer(query("example.com.", Type.AAAA));
        assertEquals(Rcode.REFUSED, r.getRcode());
        assertFalse(r.getHeader().getFlag(Flags.AA));
    }

    @Test
    void malformedQueriesAreFormerr() {
        Message noQuestion = new Message();
        assertEquals(Rcode.FORMERR, answerer.answer(noQuestion).getRcode());

        Message twoQuestions = query("trust.hypermesh.online.", Type.AAAA);
        twoQuestions.addRecord(Record.newRecord(Name.fromConstantString("hypermesh.online."), Type.SOA, DClass.IN),
                Section.QUESTION);
        assertEquals(Rcode.FORMERR, answerer.answer(twoQuestions).getRcode());
    }

    @Test
    void otherOpcodesAreNotimp() {
        Message q = query("hypermesh.online.", Type.SOA);
        q.getHeader().setOpcode(Opcode.UPDATE);
        assertEquals(Rcode.NOTIMP, answerer.answer(q).getRcode());
    }

    @Test
    void optIsEchoedOnlyWhenPresent() {
        Message plain = answerer.answer(query("trust.hypermesh.online.", Type.AAAA));
        assertNull(plain.getOPT());

        Message q = query("trust.hypermesh.online.", Type.AAAA);
        q.addRecord(new OPTRecord(4096, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL);
        OPTRecord opt = answerer.answer(q).getOPT();
        assertNotNull(opt);
        assertEquals(ZoneAnswerer.EDNS_PAYLOAD_SIZE, opt.getPayloadSize());
        assertEquals(ExtendedFlags.DO, opt.getFlags() & ExtendedFlags.DO);
    }
}
