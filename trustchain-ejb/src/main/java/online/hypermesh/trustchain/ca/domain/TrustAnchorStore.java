package online.hypermesh.trustchain.ca.domain;

/**
 * Where this node publishes its trust anchors for clients that read them from its data directory:
 * {@code root.pem}, the active root (what new chains end in), and {@code roots.pem}, every root
 * that is not revoked (what a relying party should trust across a root rollover).
 *
 * <p>Durability: files, outside any transaction. Each file is replaced atomically (a reader sees
 * the old or the new one, never part of either), root.pem first, then roots.pem, without fsync:
 * a crash between the two leaves the new root.pem beside the old roots.pem, and a crash right
 * after may leave both old. A caller that publishes before its transaction commits (bootstrap)
 * may leave files for a hierarchy that then rolled back. Nothing is lost by any of that: the
 * database is the record, and every start and every rollover on this node publish both again.
 *
 * <p>Concurrency: calls are not serialised; each replaces whole files and the last one wins.
 */
public interface TrustAnchorStore {

    /**
     * @param activeRootPem     the active root certificate, PEM
     * @param unrevokedRootsPem every root that is not revoked, PEM blocks one after another
     * @throws online.hypermesh.trustchain.core.error.TrustChainException INTERNAL if a file cannot be written
     */
    void publish(String activeRootPem, String unrevokedRootsPem);
}
