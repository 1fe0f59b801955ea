package online.hypermesh.trustchain.doq.forward;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import online.hypermesh.trustchain.doq.classic.ClassicDnsConfig;
import online.hypermesh.trustchain.doq.classic.ClassicDnsServer;
import online.hypermesh.trustchain.doq.zone.DnsWireHandler;
import online.hypermesh.trustchain.doq.zone.MeshZone;
import online.hypermesh.trustchain.doq.zone.ResponseEncoder;
import online.hypermesh.trustchain.doq.zone.ZoneAnswerer;
import online.hypermesh.trustchain.doq.zone.ZoneReader;
import online.hypermesh.trustchain.doq.zone.ZoneSettings;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * A real upstream for the forwarding tests: our own classic DNS server on loopback, authoritative
 * for {@code upstream.test.} (TTL 300, SOA MINIMUM 60), counting the questions that reach its zone.
 */
final class UpstreamServer implements AutoCloseable {

    static final Name ORIGIN = Name.fromConstantString("upstream.test.");
    static final long TTL = 300;
    static final long NEGATIVE_TTL = 60;

    final MeshZone zone = new MeshZone(new ZoneSettings(ORIGIN, List.of(Name.fromConstantString("ns.upstream.test.")),
            Name.fromConstantString("hostmaster.upstream.test."), "ca.upstream.test", TTL, NEGATIVE_TTL));
    private final AtomicInteger questions = new AtomicInteger();
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final ClassicDnsServer server;

    UpstreamServer() throws IOException {
        ZoneReader counting = new ZoneReader() {
            @Override
            public Name origin() {
                return zone.origin();
            }

            @Override
            public SOARecord soa() {
                return zone.soa();
            }

            @Override
            public boolean nameExists(Name name) {
                return zone.nameExists(name);
            }

            @Override
            public List<Record> lookup(Name name, int type) {
                questions.incrementAndGet();
                return zone.lookup(name, type);
            }
        };
        server = new ClassicDnsServer(new ClassicDnsConfig(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Duration.ofSeconds(2), 8), new DnsWireHandler(new ZoneAnswerer(counting), ResponseEncoder.unpadded()),
                Executors.defaultThreadFactory(), workers);
        server.start();
    }

    InetSocketAddress address() {
        return server.localAddress();
    }

    /** How many in-zone questions reached this server. */
    int questions() {
        return questions.get();
    }

    @Override
    public void close() {
        server.close();
        workers.shutdownNow();
    }
}
