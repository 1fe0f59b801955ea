package online.hypermesh.trustchain.ca.domain;

import java.util.List;

/**
 * A trust anchor was imported or deactivated. Observed after the transaction succeeded, so this
 * node's CT log and its mutual-TLS trust store follow at once and never act on a change that rolled
 * back; the other nodes follow with their periodic reloads.
 *
 * @param purposes the purposes of the anchor that changed
 */
public record TrustAnchorsChanged(long anchorId, List<String> purposes) {
    public TrustAnchorsChanged {
        purposes = List.copyOf(purposes);
    }
}
