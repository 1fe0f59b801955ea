package online.hypermesh.trustchain.core.caa;

import java.util.List;

/** The outcome of a CAA check for one name, with what it rests on so a refusal can show it. */
public sealed interface CaaDecision {

    /**
     * This CA may issue.
     *
     * @param relevantDomain where the relevant RRset was found, or null when the climb found none
     */
    record Permitted(String relevantDomain) implements CaaDecision {
    }

    /**
     * The holder of the name does not authorize this CA.
     *
     * @param relevantDomain where the relevant RRset was found
     * @param relevantSet    that RRset
     * @param reason         why it does not authorize this CA, in words an operator can act on
     */
    record Refused(String relevantDomain, List<CaaProperty> relevantSet, String reason) implements CaaDecision {
        public Refused {
            relevantSet = List.copyOf(relevantSet);
        }
    }

    /** The records at {@code domain} could not be read, so nothing is known about what the holder allows. */
    record Unchecked(String domain, String reason, boolean retryable) implements CaaDecision {
    }
}
