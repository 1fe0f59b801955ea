package online.hypermesh.trustchain.doq.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import online.hypermesh.trustchain.doq.classic.ClassicDnsConfig;
import online.hypermesh.trustchain.doq.classic.ClassicDnsServer;
import online.hypermesh.trustchain.doq.zone.DnsWireHandler;
import online.hypermesh.trustchain.doq.zone.ResponseEncoder;
import online.hypermesh.trustchain.doq.zone.TestZones;
import online.hypermesh.trustchain.doq.zone.ZoneAnswerer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The mesh zone's answerer with a forwarder in front of a real upstream DNS server on loopback. */
class ForwarderTest {

    private static final Name WWW = Name.fromConstantString("www.upstream.test.");

    private UpstreamServer upstream;
    private final AtomicLong now = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    /** The cache's clock, moved by the tests so expiry needs no sleeping. */
    private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
    private final List<AutoCloseable> closeLater = new ArrayList<>();

    @BeforeEach
    void startUpstream() throws IOException {
        upstream = new UpstreamServer();
        upstream.zone.putAaaa(WWW, List.of(TestZones.v6("2001:db8::80")));
    }

    @AfterEach
    void stop() throws Exception {
        upstream.close();
        for (AutoCloseable c : closeLater) {
            c.close();
        }
    }

    private ZoneAnswerer frontWith(List<InetSocketAddress> upstreams, int cacheSize) {
        return frontWith(new Forwarder(new ForwarderConfig(upstreams, Duration.ofMillis(500), cacheSize), clock));
    }

    private ZoneAnswerer frontWith(Forwarder forwarder) {
        return new ZoneAnswerer(TestZones.meshZone(), forwarder);
    }

    private static Message ask(ZoneAnswerer front, Name name, int type, boolean recursionDesired) {
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        if (!recursionDesired) {
            query.getHeader().unsetFlag(Flags.RD);
        }
        Message response = front.answer(query);
        assertEquals(query.getHeader().getID(), response.getHeader().getID());
        return response;
    }

    private void advanceSeconds(long seconds) {
        now.addAndGet(seconds * 1000);
    }

    /** A UDP port that is bound and never answers: an upstream that is up but silent. */
    private InetSocketAddress silentUpstream() throws IOException {
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        closeLater.add(socket);
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** A port where nothing listens any more: the OS answers with port unreachable. */
    private static InetSocketAddress deadUpstream() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }
    }

    @Test
    void positiveAnswer_isForwardedWithRaAndWithoutAa_andTheSecondQueryStaysInTheCache() {
        Forwarder forwarder = new Forwarder(new ForwarderConfig(List.of(upstream.address()), Duration.ofMillis(500), 100), clock);
        ZoneAnswerer front = frontWith(forwarder);

        Message first = ask(front, WWW, Type.AAAA, true);
        assertEquals(Rcode.NOERROR, first.getRcode());
        assertTrue(first.getHeader().getFlag(Flags.RA), "recursion available");
        assertTrue(first.getHeader().getFlag(Flags.RD), "RD copied");
        assertFalse(first.getHeader().getFlag(Flags.AA), "we are not authoritative for upstream.test");
        assertEquals(TestZones.v6("2001:db8::80"), ((org.xbill.DNS.AAAARecord) first.getSection(Section.ANSWER).get(0)).getAddress());
        assertEquals(1, upstream.questions());

        Message second = ask(front, WWW, Type.AAAA, true);
        assertEquals(first.getSection(Section.ANSWER), second.getSection(Section.ANSWER));
        assertEquals(1, upstream.questions(), "answered from the cache");
        CacheStatistics stats = forwarder.statistics();
        assertEquals(1, stats.hits());
        assertEquals(1, stats.misses());
        assertEquals(1, stats.size());
        assertEquals(0.5, stats.hitRatio());
    }

    @Test
    void cachedAnswer_ttlCountsDown_andTheAnswerExpiresWithIt() {
        ZoneAnswerer front = frontWith(List.of(upstream.address()), 100);
        assertEquals(UpstreamServer.TTL, ask(front, WWW, Type.AAAA, true).getSection(Section.ANSWER).get(0).getTTL());

        advanceSeconds(100);
        assertEquals(UpstreamServer.TTL - 100, ask(front, WWW, Type.AAAA, true).getSection(Section.ANSWER).get(0).getTTL());
        advanceSeconds(199);
        assertEquals(1, ask(front, WWW, Type.AAAA, true).getSection(Section.ANSWER).get(0).getTTL());
        assertEquals(1, upstream.questions());

        advanceSeconds(1);
        Message refreshed = ask(front, WWW, Type.AAAA, true);
        assertEquals(2, upstream.questions(), "expired after its TTL, asked again");
        assertEquals(UpstreamServer.TTL, refreshed.getSection(Section.ANSWER).get(0).getTTL());
    }

    @Test
    void nxdomain_isCachedForMinOfSoaTtlAndMinimum() {
        ZoneAnswerer front = frontWith(List.of(upstream.address()), 100);
        Name missing = Name.fromConstantString("nope.upstream.test.");
        Message first = ask(front, missing, Type.AAAA, true);
        assertEquals(Rcode.NXDOMAIN, first.getRcode());
        SOARecord soa = (SOARecord) first.getSection(Section.AUTHORITY).get(0);
        assertEquals(UpstreamServer.NEGATIVE_TTL, soa.getTTL(), "RFC 2308 5: min(SOA TTL 300, MINIMUM 60)");

        advanceSeconds(59);
        Message cached = ask(front, missing, Type.AAAA, true);
        assertEquals(Rcode.NXDOMAIN, cached.getRcode());
        assertEquals(1, cached.getSection(Section.AUTHORITY).get(0).getTTL());
        assertEquals(1, upstream.questions());

        advanceSeconds(1);
        assertEquals(Rcode.NXDOMAIN, ask(front, missing, Type.AAAA, true).getRcode());
        assertEquals(2, upstream.questions(), "negative TTL over, asked again");
    }

    @Test
    void nodata_isCachedAsNegativeToo() {
        ZoneAnswerer front = frontWith(List.of(upstream.address()), 100);
        Message first = ask(front, WWW, Type.TXT, true);
        assertEquals(Rcode.NOERROR, first.getRcode());
        assertTrue(first.getSection(Section.ANSWER).isEmpty());
        ask(front, WWW, Type.TXT, true);
        assertEquals(1, upstream.questions());
        advanceSeconds(UpstreamServer.NEGATIVE_TTL);
        ask(front, WWW, Type.TXT, true);
        assertEquals(2, upstream.questions());
    }

    @Test
    void everyUpstreamDown_givesServfail_andNothingIsCached() throws IOException {
        Forwarder forwarder = new Forwarder(new ForwarderConfig(List.of(deadUpstream(), silentUpstream()), Duration.ofMillis(300), 100), clock);
        ZoneAnswerer front = frontWith(forwarder);
        Message r = ask(front, WWW, Type.AAAA, true);
        assertEquals(Rcode.SERVFAIL, r.getRcode());
        assertTrue(r.getSection(Section.ANSWER).isEmpty());
        assertEquals(0, forwarder.statistics().size());
    }

    @Test
    void silentFirstUpstream_failsOverToTheNext() throws IOException {
        ZoneAnswerer front = frontWith(List.of(silentUpstream(), upstream.address()), 100);
        Message r = ask(front, WWW, Type.AAAA, true);
        assertEquals(Rcode.NOERROR, r.getRcode());
        assertEquals(TestZones.v6("2001:db8::80"), ((org.xbill.DNS.AAAARecord) r.getSection(Section.ANSWER).get(0)).getAddress());
    }

    @Test
    void truncatedUdpAnswer_isAskedAgainOverTcp() {
        Name big = Name.fromConstantString("big.upstream.test.");
        List<java.net.Inet6Address> many = new ArrayList<>();
        for (int i = 1; i <= 80; i++) {
            many.add(TestZones.v6("2001:db8::" + Integer.toHexString(i)));
        }
        upstream.zone.putAaaa(big, many);
        Message r = ask(frontWith(List.of(upstream.address()), 100), big, Type.AAAA, true);
        assertEquals(Rcode.NOERROR, r.getRcode());
        assertEquals(80, r.getSection(Section.ANSWER).size(), "80 AAAA do not fit 1232 octets of UDP");
        assertFalse(r.getHeader().getFlag(Flags.TC));
    }

    @Test
    void withoutRd_onlyTheCacheAnswers() {
        ZoneAnswerer front = frontWith(List.of(upstream.address()), 100);
        assertEquals(Rcode.REFUSED, ask(front, WWW, Type.AAAA, false).getRcode());
        assertEquals(0, upstream.questions(), "no recursion without RD");
        ask(front, WWW, Type.AAAA, true);
        Message cached = ask(front, WWW, Type.AAAA, false);
        assertEquals(Rcode.NOERROR, cached.getRcode());
        assertFalse(cached.getHeader().getFlag(Flags.RD));
        assertEquals(1, upstream.questions());
    }

    @Test
    void cacheSizeIsBounded_leastRecentlyUsedGoesFirst() {
        Forwarder forwarder = new Forwarder(new ForwarderConfig(List.of(upstream.address()), Duration.ofMillis(500), 2), clock);
        ZoneAnswerer front = frontWith(forwarder);
        for (String n : List.of("a", "b", "c")) {
            ask(front, Name.fromConstantString(n + ".upstream.test."), Type.AAAA, true);
        }
        assertEquals(2, forwarder.statistics().size());
        ask(front, Name.fromConstantString("a.upstream.test."), Type.AAAA, true);
        assertEquals(4, upstream.questions(), "a was evicted and asked again");
        ask(front, Name.fromConstantString("c.upstream.test."), Type.AAAA, true);
        assertEquals(4, upstream.questions(), "c stayed");
    }

    @Test
    void zoneNamesStayAuthoritative_andZoneTransfersAreNotForwarded() {
        ZoneAnswerer front = frontWith(List.of(upstream.address()), 100);
        Message own = ask(front, TestZones.TRUST, Type.AAAA, true);
        assertTrue(own.getHeader().getFlag(Flags.AA));
        assertTrue(own.getHeader().getFlag(Flags.RA), "RA describes the server, so it is on for zone answers too");
        assertEquals(Rcode.REFUSED, ask(front, UpstreamServer.ORIGIN, Type.AXFR, true).getRcode());
        assertEquals(0, upstream.questions());
    }

    @Test
    void classicServerInFront_answersZoneNamesAndForwardsOthers_overRealUdp() throws Exception {
        java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(2);
        ZoneAnswerer front = frontWith(List.of(upstream.address()), 100);
        try (ClassicDnsServer server = new ClassicDnsServer(ClassicDnsConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)),
                new DnsWireHandler(front, ResponseEncoder.unpadded()), java.util.concurrent.Executors.defaultThreadFactory(), workers)) {
            server.start();
            SimpleResolver resolver = new SimpleResolver(server.localAddress());
            resolver.setTimeout(Duration.ofSeconds(3));
            Message forwarded = resolver.send(Message.newQuery(Record.newRecord(WWW, Type.AAAA, DClass.IN)));
            assertEquals(Rcode.NOERROR, forwarded.getRcode());
            assertTrue(forwarded.getHeader().getFlag(Flags.RA));
            assertEquals(1, forwarded.getSection(Section.ANSWER).size());
            Message own = resolver.send(Message.newQuery(Record.newRecord(TestZones.TRUST, Type.AAAA, DClass.IN)));
            assertTrue(own.getHeader().getFlag(Flags.AA));
            assertEquals(1, upstream.questions());
        } finally {
            workers.shutdownNow();
        }
    }

    @Test
    void withoutUpstreams_namesOutsideTheZoneAreRefused_withoutRa() {
        ZoneAnswerer front = new ZoneAnswerer(TestZones.meshZone());
        Message r = ask(front, WWW, Type.AAAA, true);
        assertEquals(Rcode.REFUSED, r.getRcode());
        assertFalse(r.getHeader().getFlag(Flags.RA));
        assertEquals(0, upstream.questions());
    }
}
