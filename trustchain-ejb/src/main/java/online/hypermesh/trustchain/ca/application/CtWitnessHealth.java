package online.hypermesh.trustchain.ca.application;

import java.time.Instant;
import java.util.StringJoiner;

import online.hypermesh.trustchain.ca.api.CtLogService.WitnessReport;
import online.hypermesh.trustchain.ca.api.CtLogService.WitnessState;

/**
 * The {@code ct-witnesses} health check, a pure function of the witness report. DOWN only for a
 * split view (the log's key signed a tree the log does not have: the key is compromised, no
 * checkpoint of this log can be trusted). Witnesses lagging, refusing or down, and checkpoints
 * without a quorum, are UP with the figures: SCTs and issuance do not depend on witnesses, and a
 * relying party's verifier is what refuses an unconfirmed checkpoint.
 */
public final class CtWitnessHealth {
    private CtWitnessHealth() {
    }

    public static String check(WitnessReport report, long treeSize, Instant now) {
        if (report.witnesses().isEmpty()) {
            return "UP: no witnesses configured";
        }
        StringJoiner each = new StringJoiner("; ");
        for (WitnessState w : report.witnesses()) {
            String s = w.name() + " " + (w.cosignedSize() < 0 ? "has cosigned nothing"
                    : "cosigned " + w.cosignedSize() + " " + Math.max(0, now.getEpochSecond() - w.cosignedAt()) + " s ago");
            if (!w.lastOutcome().isEmpty() && !w.lastOutcome().startsWith("cosigned")) {
                s += " (last: " + w.lastOutcome() + ")";
            }
            if (w.splitView()) {
                s += " SPLIT VIEW";
            }
            each.add(s);
        }
        String summary = "tree size " + treeSize + ", confirmed " + report.confirmedSize() + " (quorum " + report.required() + " of "
                + report.witnesses().size() + "); " + each;
        if (report.splitView() || report.witnesses().stream().anyMatch(WitnessState::splitView)) {
            return "DOWN: split view: a witness holds a checkpoint signed with this log's key that is not this log's tree; " + summary;
        }
        return "UP: " + summary;
    }
}
