package online.hypermesh.trustchain.doq.forward;

import java.io.IOException;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** Copies of records with another TTL; dnsjava keeps its own TTL setter package-private. */
final class Ttls {

    private Ttls() {
    }

    /** The same record, byte for byte, with the given TTL (rewritten in the uncompressed wire form). */
    static Record withTtl(Record r, long ttl) {
        if (r.getTTL() == ttl) {
            return r;
        }
        byte[] wire = r.toWire(Section.ANSWER);
        // Owner name, then TYPE (2) and CLASS (2), then the 32-bit TTL (RFC 1035 4.1.3).
        int at = r.getName().length() + 4;
        wire[at] = (byte) (ttl >>> 24);
        wire[at + 1] = (byte) (ttl >>> 16);
        wire[at + 2] = (byte) (ttl >>> 8);
        wire[at + 3] = (byte) ttl;
        try {
            return Record.fromWire(wire, Section.ANSWER);
        } catch (IOException e) {
            throw new IllegalStateException("re-reading a record we just wrote failed", e);
        }
    }
}
