package online.hypermesh.trustchain.witness.verifier;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * TLSA queries to one DNS server (the mesh zone's authoritative server) with dnsjava's stub
 * resolver: UDP, and TCP when the answer is truncated. Only NOERROR and NXDOMAIN are answers;
 * anything else (SERVFAIL, REFUSED, a timeout) is an error, so an outage never reads as "no record".
 */
public final class DnsTlsaLookup implements TlsaLookup {
    private final InetSocketAddress server;
    private final Duration timeout;

    public DnsTlsaLookup(InetSocketAddress server, Duration timeout) {
        this.server = server;
        this.timeout = timeout;
    }

    @Override
    public List<TlsaRecord> tlsa(String ownerName) throws IOException {
        Name name;
        try {
            name = Name.fromString(ownerName.endsWith(".") ? ownerName : ownerName + ".");
        } catch (TextParseException e) {
            throw new IOException("not a DNS name: " + ownerName, e);
        }
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTimeout(timeout);
        Message answer = resolver.send(Message.newQuery(Record.newRecord(name, Type.TLSA, DClass.IN)));
        int rcode = answer.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return List.of();
        }
        if (rcode != Rcode.NOERROR) {
            throw new IOException(server + " answered " + Rcode.string(rcode) + " for " + ownerName + " TLSA");
        }
        List<TlsaRecord> out = new ArrayList<>();
        for (Record r : answer.getSection(Section.ANSWER)) {
            if (r instanceof TLSARecord t && r.getName().equals(name)) {
                out.add(new TlsaRecord(t.getCertificateUsage(), t.getSelector(), t.getMatchingType(), t.getCertificateAssociationData()));
            }
        }
        return out;
    }

    @Override
    public String source() {
        return "DNS server " + server.getHostString() + " port " + server.getPort();
    }
}
