package online.hypermesh.trustchain.ca.domain;

import java.util.List;

/**
 * A key rollover has committed and this node's authority registry already holds the successors.
 * Fired (CDI event, synchronously) after the rollover's transaction, so observers never act on a
 * rollover that rolled back, and they may ask the registry for the new hierarchy. The rollover
 * catches and logs an observer's failure; the periodic reloads then catch up.
 *
 * @param retiredId   the authority that was rolled over
 * @param successorId the authority that took over its issuance
 * @param alsoRetired authorities retired with it (a root's intermediates), possibly empty
 */
public record AuthorityRolledOver(String retiredId, String successorId, List<String> alsoRetired) {
    public AuthorityRolledOver {
        alsoRetired = List.copyOf(alsoRetired);
    }
}
