package online.hypermesh.trustchain.ca.dns;

/** Fired (CDI event) inside the transaction that changed a name's AAAA records; the zone follows after commit. */
public record DnsRecordsChanged(String relativeName) {
}
