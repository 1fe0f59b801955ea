package online.hypermesh.trustchain.bridge.acme;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;


/**
 * Resolves a name being validated through the configured DNS resolvers (each query asked afresh,
 * no cache shared with anything else, so a validation sees the zone as it is now), or through the
 * platform's resolver when none are configured. IPv6 addresses first: the mesh is IPv6-only.
 */
public final class NameResolver {
    private final Resolver resolver;
    private final String description;

    /** @param resolvers DNS servers to ask; empty: the platform's resolver */
    public NameResolver(List<InetSocketAddress> resolvers, Duration timeout) {
        this.description = resolvers.isEmpty() ? "the system resolver"
                : String.join(",", resolvers.stream().map(a -> "[" + a.getAddress().getHostAddress() + "]:" + a.getPort()).toList());
        if (resolvers.isEmpty()) {
            this.resolver = null;
        } else {
            List<Resolver> each = new ArrayList<>();
            for (InetSocketAddress a : resolvers) {
                SimpleResolver r = new SimpleResolver(a);
                r.setTimeout(timeout);
                each.add(r);
            }
            ExtendedResolver extended = new ExtendedResolver(each);
            extended.setTimeout(timeout);
            extended.setRetries(1);
            this.resolver = extended;
        }
    }

    /** Which resolvers answer, for the record of a validation. */
    public String description() {
        return description;
    }

    /** @throws AcmeProblem dns if the name has no address */
    public List<InetAddress> addresses(String name) {
        List<InetAddress> out = new ArrayList<>();
        if (resolver == null) {
            try {
                for (InetAddress a : InetAddress.getAllByName(name)) {
                    out.add(a);
                }
                out.sort(java.util.Comparator.comparing(a -> a instanceof java.net.Inet6Address ? 0 : 1));
            } catch (UnknownHostException e) {
                throw new AcmeProblem(AcmeProblem.Type.DNS, "'" + name + "' has no address: " + e.getMessage());
            }
        } else {
            out.addAll(lookup(name, Type.AAAA));
            out.addAll(lookup(name, Type.A));
        }
        if (out.isEmpty()) {
            throw new AcmeProblem(AcmeProblem.Type.DNS, "'" + name + "' has no AAAA or A record");
        }
        return out;
    }

    private List<InetAddress> lookup(String name, int type) {
        try {
            Lookup lookup = new Lookup(Name.fromString(name.endsWith(".") ? name : name + "."), type);
            lookup.setResolver(resolver);
            lookup.setCache(null);
            Record[] records = lookup.run();
            if (lookup.getResult() == Lookup.TRY_AGAIN) {
                throw new AcmeProblem(AcmeProblem.Type.DNS, "no resolver answered for '" + name + "': " + lookup.getErrorString());
            }
            List<InetAddress> out = new ArrayList<>();
            if (records != null) {
                for (Record r : records) {
                    if (r instanceof AAAARecord aaaa) {
                        out.add(aaaa.getAddress());
                    } else if (r instanceof ARecord a) {
                        out.add(a.getAddress());
                    }
                }
            }
            return out;
        } catch (TextParseException e) {
            throw new AcmeProblem(AcmeProblem.Type.MALFORMED, "'" + name + "' is not a DNS name");
        }
    }

    /**
     * The TXT records at a name, each as its strings concatenated (RFC 8555 8.4 compares a
     * record's value with the expected digest); empty when the name or its TXT RRset does not exist.
     * Always asked through DNS: the configured resolvers, else the system's (resolv.conf).
     *
     * @throws AcmeProblem dns when no resolver answers or the answer is a server failure
     */
    public List<String> txt(String name) {
        try {
            Lookup lookup = new Lookup(Name.fromString(name.endsWith(".") ? name : name + "."), Type.TXT);
            if (resolver != null) {
                lookup.setResolver(resolver);
            }
            lookup.setCache(null);
            Record[] records = lookup.run();
            int result = lookup.getResult();
            if (result == Lookup.TRY_AGAIN || result == Lookup.UNRECOVERABLE) {
                throw new AcmeProblem(AcmeProblem.Type.DNS, "no usable answer for TXT '" + name + "': " + lookup.getErrorString());
            }
            List<String> out = new ArrayList<>();
            if (records != null) {
                for (Record r : records) {
                    if (r instanceof TXTRecord t) {
                        out.add(String.join("", t.getStrings()));
                    }
                }
            }
            return out;
        } catch (TextParseException e) {
            throw new AcmeProblem(AcmeProblem.Type.MALFORMED, "'" + name + "' is not a DNS name");
        }
    }
}
