package online.hypermesh.trustchain.doq.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

import online.hypermesh.trustchain.doq.zone.DnsWireHandler;
import online.hypermesh.trustchain.doq.zone.MeshZone;
import online.hypermesh.trustchain.doq.zone.ResponseEncoder;
import online.hypermesh.trustchain.doq.zone.TestZones;
import online.hypermesh.trustchain.doq.zone.ZoneAnswerer;

/**
 * TSIG (RFC 8945) and RFC 2136 updates through the same handler the UDP, TCP and DoQ listeners
 * use, with messages built and signed by dnsjava's own client classes ({@link Update}, {@link TSIG}).
 */
class SignedExchangeTest {
    private static final Name ORIGIN = Name.fromConstantString("hypermesh.online.");
    private static final Name KEY_NAME = Name.fromConstantString("tc-0123.hypermesh.online.");
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();
    private static final TSIG CLIENT_KEY = new TSIG(TSIG.HMAC_SHA256, KEY_NAME, SECRET);
    private static final Name CHALLENGE = Name.fromConstantString("_acme-challenge.web.hypermesh.online.");

    private final List<ZoneUpdate> applied = new ArrayList<>();
    private final MeshZone zone = TestZones.meshZone();
    private final DnsWireHandler handler = new DnsWireHandler(new ZoneAnswerer(zone), ResponseEncoder.unpadded(), (rcode, nanos) -> { },
            new SignedExchange(name -> name.equals(KEY_NAME) ? Optional.of(new TsigKey(KEY_NAME, TSIG.HMAC_SHA256, SECRET)) : Optional.empty(),
                    (update, key) -> {
                        applied.add(update);
                        return Rcode.NOERROR;
                    }, ORIGIN));

    @Test
    void aSignedUpdate_isAppliedAndItsAnswerSignedWithTheSameKey() throws Exception {
        Update update = new Update(ORIGIN);
        update.add(CHALLENGE, Type.TXT, 120, "\"digest-value\"");
        update.delete(CHALLENGE, Type.TXT, "\"old-value\"");
        update.setTSIG(CLIENT_KEY);
        byte[] request = update.toWire(65535);
        Message signedRequest = new Message(request);

        byte[] wire = handler.handleStream(request);
        Message response = new Message(wire);
        assertEquals(Rcode.NOERROR, response.getRcode());
        assertTrue(response.getHeader().getFlag(Flags.QR));
        assertEquals(Rcode.NOERROR, CLIENT_KEY.verify(response, wire, signedRequest.getTSIG()), "the response's MAC covers the request's");
        assertEquals(1, applied.size());
        List<ZoneUpdate.Change> changes = applied.get(0).changes();
        assertEquals(new ZoneUpdate.Change(ZoneUpdate.Kind.ADD, CHALLENGE, Type.TXT, 120, "digest-value"), changes.get(0));
        assertEquals(new ZoneUpdate.Change(ZoneUpdate.Kind.DELETE_RR, CHALLENGE, Type.TXT, 0, "old-value"), changes.get(1));
    }

    @Test
    void anUnknownKey_isNotauthBadkey_aWrongSecretBadsig_andNothingIsApplied() throws Exception {
        Update unknown = new Update(ORIGIN);
        unknown.add(CHALLENGE, Type.TXT, 120, "x");
        unknown.setTSIG(new TSIG(TSIG.HMAC_SHA256, Name.fromConstantString("someone-else."), SECRET));
        Message r1 = new Message(handler.handleStream(unknown.toWire(65535)));
        assertEquals(Rcode.NOTAUTH, r1.getRcode());
        assertEquals(Rcode.BADKEY, r1.getTSIG().getError());

        Update forged = new Update(ORIGIN);
        forged.add(CHALLENGE, Type.TXT, 120, "x");
        forged.setTSIG(new TSIG(TSIG.HMAC_SHA256, KEY_NAME, "not-the-secret-not-the-secret!!!".getBytes()));
        Message r2 = new Message(handler.handleStream(forged.toWire(65535)));
        assertEquals(Rcode.NOTAUTH, r2.getRcode());
        assertEquals(Rcode.BADSIG, r2.getTSIG().getError());

        Update otherAlgorithm = new Update(ORIGIN);
        otherAlgorithm.add(CHALLENGE, Type.TXT, 120, "x");
        otherAlgorithm.setTSIG(new TSIG(TSIG.HMAC_SHA512, KEY_NAME, SECRET));
        assertEquals(Rcode.BADKEY, new Message(handler.handleStream(otherAlgorithm.toWire(65535))).getTSIG().getError());
        assertTrue(applied.isEmpty());
    }

    @Test
    void anUnsignedUpdate_isRefused() throws Exception {
        Update update = new Update(ORIGIN);
        update.add(CHALLENGE, Type.TXT, 120, "x");
        Message response = new Message(handler.handleDatagram(update.toWire()));
        assertEquals(Rcode.REFUSED, response.getRcode());
        assertNull(response.getTSIG());
        assertTrue(applied.isEmpty());
    }

    @Test
    void aSignedQuery_getsTheZonesAnswerSigned() throws Exception {
        // dnsjava signs in toWire(maxLength) only. certbot's rfc2136 plugin finds the zone with a signed SOA query and checks AA.
        Message query = Message.newQuery(Record.newRecord(ORIGIN, Type.SOA, DClass.IN));
        query.setTSIG(CLIENT_KEY);
        byte[] request = query.toWire(65535);
        byte[] wire = handler.handleStream(request);
        Message response = new Message(wire);
        assertEquals(Rcode.NOERROR, response.getRcode());
        assertTrue(response.getHeader().getFlag(Flags.AA));
        assertEquals(Type.SOA, response.getSection(Section.ANSWER).get(0).getType());
        assertEquals(Rcode.NOERROR, CLIENT_KEY.verify(response, wire, new Message(request).getTSIG()));
    }

    @Test
    void theZoneShowsTxtRecordsPutIntoIt_andForgetsThemWhenEmptied() {
        zone.putTxt(CHALLENGE, List.of("v1", "v2"));
        List<Record> txt = zone.lookup(CHALLENGE, Type.TXT);
        assertEquals(2, txt.size());
        assertEquals(List.of("v1"), ((TXTRecord) txt.get(0)).getStrings());
        assertTrue(zone.nameExists(Name.fromConstantString("web.hypermesh.online.")), "the empty non-terminal above the owner exists");
        zone.putTxt(CHALLENGE, List.of());
        assertTrue(zone.lookup(CHALLENGE, Type.TXT).isEmpty());
        assertFalse(zone.nameExists(CHALLENGE));
    }

    @Test
    void parse_refusesWhatThePrescanRefuses() throws Exception {
        assertEquals(Rcode.NOTAUTH, refusal(new Update(Name.fromConstantString("example.org.")), u -> u.add(CHALLENGE, Type.TXT, 1, "x")));
        assertEquals(Rcode.NOTZONE, refusal(new Update(ORIGIN), u -> u.add(Name.fromConstantString("_acme-challenge.example.org."), Type.TXT, 1, "x")));
        assertEquals(Rcode.REFUSED, refusal(new Update(ORIGIN), u -> {
            u.present(CHALLENGE);
            u.add(CHALLENGE, Type.TXT, 1, "x");
        }), "prerequisites are not evaluated, so they are refused");
        assertEquals(Rcode.FORMERR, refusal(new Update(ORIGIN), u -> { }), "an empty update");
        Update deleteAll = new Update(ORIGIN);
        deleteAll.delete(CHALLENGE, Type.TXT);
        deleteAll.delete(CHALLENGE);
        ZoneUpdate parsed = ZoneUpdate.parse(new Message(deleteAll.toWire()), ORIGIN);
        assertEquals(ZoneUpdate.Kind.DELETE_RRSET, parsed.changes().get(0).kind());
        assertEquals(ZoneUpdate.Kind.DELETE_NAME, parsed.changes().get(1).kind());
        assertNotNull(parsed.zone());
    }

    private interface Filler {
        void fill(Update u) throws Exception;
    }

    private static int refusal(Update update, Filler filler) throws Exception {
        filler.fill(update);
        try {
            ZoneUpdate.parse(new Message(update.toWire()), ORIGIN);
            return Rcode.NOERROR;
        } catch (ZoneUpdate.Refused e) {
            return e.rcode();
        }
    }
}
