package online.hypermesh.trustchain.doq.zone;

/**
 * Told about every query a {@link DnsWireHandler} answered, for monitoring. Implementations must
 * be cheap and must not throw: they run on the transports' threads.
 */
@FunctionalInterface
public interface QueryObserver {
    QueryObserver NONE = (rcode, nanos) -> {
    };

    /**
     * @param rcode the response code sent (RFC 1035 4.1.1 and RFC 6895), e.g. 0 NOERROR, 1 FORMERR, 3 NXDOMAIN
     * @param nanos from the parsed query to the encoded answer (forwarding included)
     */
    void answered(int rcode, long nanos);
}
