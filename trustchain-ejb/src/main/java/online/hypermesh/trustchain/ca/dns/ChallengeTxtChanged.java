package online.hypermesh.trustchain.ca.dns;

/** Fired (CDI event) inside the transaction that changed the TXT records at an owner (relative name); the zone follows after commit. */
public record ChallengeTxtChanged(String relativeOwner) {
}
