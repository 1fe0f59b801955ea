package online.hypermesh.trustchain.ca.dns;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.xbill.DNS.CAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import online.hypermesh.trustchain.ca.domain.CaaRecords;
import online.hypermesh.trustchain.core.caa.CaaAnswer;
import online.hypermesh.trustchain.core.caa.CaaProperty;
import online.hypermesh.trustchain.doq.forward.Forwarder;

/**
 * CAA as this deployment's DNS answers it: names in the mesh zone from the zone in memory (what
 * the DNS server serves, the operator's {@code trustchain.dns.caa} records included), other names
 * through the configured upstream resolvers with a cache of their own (the DNS listener's cache
 * serves clients; the registration authority's lookups should not evict their answers).
 */
@ApplicationScoped
public class ZoneCaaRecords implements CaaRecords {
    @Inject
    ZonePublisher zone;

    /** Null when no upstream is configured: names outside the zone cannot be checked. */
    private Forwarder forwarder;

    @PostConstruct
    void start() {
        forwarder = zone.settings().forwarding().map(Forwarder::new).orElse(null);
    }

    @Override
    public CaaAnswer lookup(String domain) {
        Name name;
        try {
            name = Name.fromString(domain.endsWith(".") ? domain : domain + ".");
        } catch (TextParseException e) {
            return new CaaAnswer.Failure("'" + domain + "' is not a DNS name", false);
        }
        if (name.subdomain(zone.settings().origin())) {
            return new CaaAnswer.Records(properties(zone.zone().lookup(name, Type.CAA)));
        }
        if (forwarder == null) {
            return new CaaAnswer.Failure("'" + domain + "' is outside the zone " + zone.settings().origin()
                    + " and no resolver is configured to look up its CAA records (trustchain.dns.upstreams)", false);
        }
        Message response = new Message();
        response.getHeader().setFlag(Flags.QR);
        Record question = Record.newRecord(name, Type.CAA, DClass.IN);
        response.addRecord(question, Section.QUESTION);
        forwarder.resolve(question, true, false, response);
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return CaaAnswer.none();
        }
        if (rcode != Rcode.NOERROR) {
            return new CaaAnswer.Failure("the resolvers " + forwarder.upstreams() + " answered " + Rcode.string(rcode)
                    + " for " + domain + " CAA", true);
        }
        // CNAMEs are followed by the resolver; the CAA records of the answer are those of the name it led to.
        return new CaaAnswer.Records(properties(response.getSection(Section.ANSWER)));
    }

    private static List<CaaProperty> properties(List<Record> records) {
        List<CaaProperty> out = new ArrayList<>();
        for (Record r : records) {
            if (r instanceof CAARecord caa) {
                out.add(new CaaProperty(caa.getFlags(), caa.getTag(), caa.getValue()));
            }
        }
        return out;
    }
}
