package online.hypermesh.trustchain.doq.zone;

import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/**
 * Answers questions for names outside the zone. {@link ZoneAnswerer} hands over a response that
 * already carries the ID, flags, question and OPT; the resolver adds records and sets the rcode.
 */
public interface OutOfZoneResolver {

    /** No recursion offered: every name outside the zone is REFUSED (RFC 1035 4.1.1). */
    OutOfZoneResolver REFUSING = new OutOfZoneResolver() {
        @Override
        public boolean recursionAvailable() {
            return false;
        }

        @Override
        public void resolve(Record question, boolean recursionDesired, boolean dnssecOk, Message response) {
            response.getHeader().setRcode(Rcode.REFUSED);
        }
    };

    /** Whether this server offers recursion; RFC 1035 4.1.1: then RA is set in every response. */
    boolean recursionAvailable();

    /**
     * Fills in the answer for one out-of-zone question.
     *
     * @param recursionDesired the query's RD bit: without it only what is already known may be used
     * @param dnssecOk         the query's DO bit (RFC 3225), passed on so DNSSEC records come back
     */
    void resolve(Record question, boolean recursionDesired, boolean dnssecOk, Message response);
}
