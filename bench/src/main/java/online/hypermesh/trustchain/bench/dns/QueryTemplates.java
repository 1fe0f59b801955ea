package online.hypermesh.trustchain.bench.dns;

import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Query wire bytes built once per name; a sender copies one and writes its ID into the first two bytes. */
final class QueryTemplates {

    private final byte[][] templates;

    QueryTemplates(List<String> names, String type) {
        int qtype = Type.value(type);
        if (qtype < 0) {
            throw new IllegalArgumentException("unknown query type " + type);
        }
        templates = new byte[names.size()][];
        for (int i = 0; i < names.size(); i++) {
            Message q = Message.newQuery(Record.newRecord(Name.fromConstantString(names.get(i)), qtype, DClass.IN));
            q.getHeader().setID(0);
            q.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
            templates[i] = q.toWire();
        }
    }

    /** The n-th query (round-robin over the names) with the given ID. */
    byte[] query(long n, int id) {
        byte[] q = templates[(int) (n % templates.length)].clone();
        q[0] = (byte) (id >>> 8);
        q[1] = (byte) id;
        return q;
    }

    /** RCODE of a response (low 4 bits of the second flags byte), or -1 if it is not a response. */
    static int rcode(byte[] response, int length) {
        if (length < 12 || (response[2] & 0x80) == 0) {
            return -1;
        }
        return response[3] & 0x0F;
    }
}
