package online.hypermesh.trustchain.ca.ct;

/**
 * An operator root was inserted into ct_accepted_root. Observed after the transaction succeeded
 * ({@link AcceptedRootsCache}), so the log never accepts a root whose addition rolled back.
 */
public record CtAcceptedRootAdded(String fingerprintHex) {
}
