package online.hypermesh.trustchain.doq.update;

/**
 * Applies an RFC 2136 update whose TSIG has been verified: decides whether the key may make these
 * changes and makes all of them or none (RFC 2136 3.4: the update is atomic).
 */
@FunctionalInterface
public interface ZoneUpdater {
    /** Takes no update: REFUSED (RFC 2136 3.3, the server's update policy refuses everything). */
    ZoneUpdater REFUSING = (update, keyName) -> org.xbill.DNS.Rcode.REFUSED;

    /** @return the response code: NOERROR when applied, REFUSED or NOTAUTH when not (and nothing changed) */
    int apply(ZoneUpdate update, String keyName);
}
