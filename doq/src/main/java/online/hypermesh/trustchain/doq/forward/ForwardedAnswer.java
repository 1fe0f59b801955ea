package online.hypermesh.trustchain.doq.forward;

import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** What an upstream said about one question, without its header, question and transport records (OPT, TSIG). */
record ForwardedAnswer(int rcode, List<Record> answer, List<Record> authority, List<Record> additional) {

    ForwardedAnswer {
        answer = List.copyOf(answer);
        authority = List.copyOf(authority);
        additional = List.copyOf(additional);
    }

    static ForwardedAnswer of(Message response) {
        List<Record> additional = new ArrayList<>();
        for (Record r : response.getSection(Section.ADDITIONAL)) {
            // OPT and TSIG belong to the upstream hop, not to the data we pass on (RFC 6891 6.1.1, RFC 8945 5.3).
            if (r.getType() != Type.OPT && r.getType() != Type.TSIG) {
                additional.add(r);
            }
        }
        return new ForwardedAnswer(response.getRcode(), response.getSection(Section.ANSWER),
                response.getSection(Section.AUTHORITY), additional);
    }

    void copyInto(Message response) {
        response.getHeader().setRcode(rcode);
        answer.forEach(r -> response.addRecord(r, Section.ANSWER));
        authority.forEach(r -> response.addRecord(r, Section.AUTHORITY));
        additional.forEach(r -> response.addRecord(r, Section.ADDITIONAL));
    }

    /** Every record with its TTL lowered by the seconds it spent in the cache. */
    ForwardedAnswer aged(long elapsedSeconds) {
        if (elapsedSeconds <= 0) {
            return this;
        }
        return new ForwardedAnswer(rcode, age(answer, elapsedSeconds), age(authority, elapsedSeconds),
                age(additional, elapsedSeconds));
    }

    private static List<Record> age(List<Record> records, long elapsedSeconds) {
        List<Record> aged = new ArrayList<>(records.size());
        for (Record r : records) {
            aged.add(Ttls.withTtl(r, Math.max(0, r.getTTL() - elapsedSeconds)));
        }
        return aged;
    }
}
