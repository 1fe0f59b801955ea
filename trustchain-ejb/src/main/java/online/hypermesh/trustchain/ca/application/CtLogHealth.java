package online.hypermesh.trustchain.ca.application;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import online.hypermesh.trustchain.ca.api.CtLogService.TreeHead;
import online.hypermesh.trustchain.ct.log.SequencerSettings;

/**
 * The {@code ct-log} health check, as a pure function of what the log reports. An idle log signs
 * a fresh tree head every {@link SequencerSettings#headRefresh()} (30 s), so a head older than
 * twice that means nobody is signing:
 * <ul>
 *   <li>this node leads and its own latest head is recent: {@code UP: leading, ...}</li>
 *   <li>another node leads (this one does not) and the stored head is recent: {@code UP: following, ...}</li>
 *   <li>DOWN when the stored head cannot be read, when this node leads but has stopped signing
 *       (signing or committing fails), or when no node has signed for too long.</li>
 * </ul>
 */
public final class CtLogHealth {
    /** Twice the idle re-signing period of the sequencer: one missed refresh is tolerated, two are not. */
    public static final Duration MAX_HEAD_AGE = SequencerSettings.defaults().headRefresh().multipliedBy(2);

    private CtLogHealth() {
    }

    /**
     * @param leading    whether this node's sequencer leads the log
     * @param ownHead    the latest head this node's sequencer signed or loaded
     * @param storedHead reads the latest head from the database (whoever signed it); may throw
     * @param now        the current time
     * @return "UP: ..." or "DOWN: ..." with what an operator needs to know
     */
    public static String check(boolean leading, Optional<TreeHead> ownHead, Supplier<TreeHead> storedHead, Instant now) {
        TreeHead stored;
        try {
            stored = storedHead.get();
        } catch (RuntimeException e) {
            return "DOWN: the log's latest signed tree head cannot be read: " + e.getMessage();
        }
        if (leading) {
            if (ownHead.isEmpty()) {
                return "DOWN: this node leads the log but has no signed tree head";
            }
            TreeHead head = ownHead.get();
            Duration age = ageOf(head, now);
            if (age.compareTo(MAX_HEAD_AGE) > 0) {
                return "DOWN: this node leads the log but its latest tree head (size " + head.treeSize() + ") was signed "
                        + age.toSeconds() + " s ago, more than " + MAX_HEAD_AGE.toSeconds() + " s: the log cannot sign or commit; see the server log";
            }
            return "UP: leading, tree size " + head.treeSize() + ", head signed " + age.toSeconds() + " s ago";
        }
        Duration age = ageOf(stored, now);
        if (age.compareTo(MAX_HEAD_AGE) > 0) {
            return "DOWN: no node is signing the log: this node does not lead it, and the latest tree head (size " + stored.treeSize()
                    + ") was signed " + age.toSeconds() + " s ago, more than " + MAX_HEAD_AGE.toSeconds() + " s";
        }
        return "UP: following, another node leads; tree size " + stored.treeSize() + ", head signed " + age.toSeconds() + " s ago";
    }

    private static Duration ageOf(TreeHead head, Instant now) {
        // A head from a node whose clock runs slightly ahead counts as fresh.
        Duration age = Duration.between(Instant.ofEpochMilli(head.timestamp()), now);
        return age.isNegative() ? Duration.ZERO : age;
    }
}
