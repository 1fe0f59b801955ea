package online.hypermesh.trustchain.ca.dns;

/**
 * One row of {@code dns_change} (V5): something in the zone may have changed.
 *
 * @param kind    {@link #NAME} (subject is a relative AAAA name), {@link #CERTIFICATE} (subject is a serial, hex)
 *                or {@link #TXT} (subject is the relative owner of dynamically updated TXT records)
 * @param node    the node that wrote it, which applied the change itself already
 */
public record DnsChange(long id, String kind, String subject, String node) {
    public static final String NAME = "name";
    public static final String CERTIFICATE = "certificate";
    public static final String TXT = "txt";
}
