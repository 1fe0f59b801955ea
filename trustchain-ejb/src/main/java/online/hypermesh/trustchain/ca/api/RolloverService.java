package online.hypermesh.trustchain.ca.api;

import java.util.List;

import jakarta.ejb.Local;

/** Key rollover of a CA: a new key and certificate take over issuance; the old one stays verifiable. */
@Local
public interface RolloverService {
    /**
     * Rolls {@code authorityId} over to a new generation. For an intermediate: a new P-384 key and
     * certificate under the active root. For the root: a new RSA-4096 root, and a new intermediate
     * under it for every region. Safe to repeat: rolling over an authority that already was rolled
     * over changes nothing and reports its successor.
     */
    RolloverResult rollover(String authorityId, Caller caller);

    /** What a rollover did. {@code created} is false when the authority had already been rolled over. */
    record RolloverResult(String retired, String successor, List<String> alsoRolledOver, boolean created) {
    }
}
