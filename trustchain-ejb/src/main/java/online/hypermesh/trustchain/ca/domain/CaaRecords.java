package online.hypermesh.trustchain.ca.domain;

import online.hypermesh.trustchain.core.caa.CaaSource;

/**
 * The CAA records this deployment sees (RFC 8659): for names in the mesh zone the zone's own, as
 * its DNS server answers them; for other names those of the forwarding resolver.
 *
 * <p>Consistency: the mesh zone is read from memory, so a record a change has just stored may show
 * here a moment (the zone's follow interval) after it shows in the database. Thread-safe.
 */
public interface CaaRecords extends CaaSource {
}
