package online.hypermesh.trustchain.doq.forward;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import online.hypermesh.trustchain.doq.zone.OutOfZoneResolver;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Forwards questions outside the zone to the configured upstream resolvers and caches what they
 * say ({@link AnswerCache}). Upstreams are asked one after another, starting with the one that
 * answered last, until one gives NOERROR or NXDOMAIN; if none does in time the client gets SERVFAIL.
 *
 * <p>A query without RD asks us not to recurse (RFC 1035 4.3.1): it is answered from the cache
 * only, and refused when the cache does not know (we hold no referral to give instead).
 */
public final class Forwarder implements OutOfZoneResolver {

    private static final Logger LOG = Logger.getLogger(Forwarder.class.getName());

    private final ForwarderConfig config;
    private final AnswerCache cache;
    private final UpstreamExchange exchange = new UpstreamExchange();
    /** Index of the upstream that answered last; a dead first upstream then costs one timeout, not one per miss. */
    private final AtomicInteger preferred = new AtomicInteger();

    public Forwarder(ForwarderConfig config) {
        this(config, InstantSource.system());
    }

    /** @param clock the cache's time, to age and expire answers */
    public Forwarder(ForwarderConfig config, InstantSource clock) {
        this.config = config;
        this.cache = new AnswerCache(config.maxCacheEntries(), clock);
    }

    @Override
    public boolean recursionAvailable() {
        return true;
    }

    @Override
    public void resolve(Record question, boolean recursionDesired, boolean dnssecOk, Message response) {
        int type = question.getType();
        // Zone transfers are between a zone's servers and ours is not one of them; only class IN is forwarded.
        if (question.getDClass() != DClass.IN || type == Type.AXFR || type == Type.IXFR) {
            response.getHeader().setRcode(Rcode.REFUSED);
            return;
        }
        AnswerCache.Key key = new AnswerCache.Key(question.getName(), type, question.getDClass(), dnssecOk);
        Optional<ForwardedAnswer> cached = cache.get(key);
        if (cached.isPresent()) {
            cached.get().copyInto(response);
            return;
        }
        if (!recursionDesired) {
            response.getHeader().setRcode(Rcode.REFUSED);
            return;
        }
        ForwardedAnswer fresh = askUpstreams(question, dnssecOk);
        if (fresh == null) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
            return;
        }
        cache.put(key, fresh).orElse(fresh).copyInto(response);
    }

    public CacheStatistics statistics() {
        return cache.statistics();
    }

    public List<InetSocketAddress> upstreams() {
        return config.upstreams();
    }

    /** The first usable answer, or null when every upstream failed, timed out or answered SERVFAIL/REFUSED. */
    private ForwardedAnswer askUpstreams(Record question, boolean dnssecOk) {
        List<InetSocketAddress> upstreams = config.upstreams();
        int first = preferred.get();
        for (int i = 0; i < upstreams.size(); i++) {
            int index = (first + i) % upstreams.size();
            InetSocketAddress upstream = upstreams.get(index);
            try {
                Message response = exchange.ask(upstream, question, dnssecOk, config.timeout());
                int rcode = response.getRcode();
                if (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN) {
                    preferred.set(index);
                    return ForwardedAnswer.of(response);
                }
                LOG.log(Level.FINE, "upstream {0} answered {1} for {2}", new Object[] {upstream, Rcode.string(rcode), question});
            } catch (IOException e) {
                LOG.log(Level.FINE, "upstream " + upstream + " failed for " + question, e);
            }
        }
        return null;
    }
}
