package online.hypermesh.trustchain.ca.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Four-eyes approvals: which actions wait for a second officer before they take effect. Empty by
 * default, so nothing waits unless an operator says so.
 *
 * @param actions          API names of the actions under four eyes
 * @param issuanceProfiles with "issuance": the profiles whose issuance waits
 * @param validityAbove    with "issuance": issuance for more hours than this waits (0: no validity rule)
 */
public record ApprovalSettings(List<String> actions, List<String> issuanceProfiles, int validityAbove) {
    static final List<String> ACTIONS_ALLOWED = List.of("revoke", "revoke-all", "root-rollover", "account-scopes", "issuance");
    static final List<String> PROFILES_ALLOWED = List.of("server", "client", "service");

    public static final Setting<List<String>> ACTIONS = Setting.of("trustchain.approvals.actions", "list of actions", List.of(), "none",
            "the actions that need a second officer's approval: " + String.join(", ", ACTIONS_ALLOWED),
            t -> words(t, ACTIONS_ALLOWED));
    public static final Setting<List<String>> ISSUANCE_PROFILES = Setting.of("trustchain.approvals.issuance.profiles", "list of profiles",
            List.of(), "none", "with issuance in trustchain.approvals.actions: the profiles whose issuance needs approval",
            t -> words(t, PROFILES_ALLOWED));
    public static final Setting<Integer> VALIDITY_HOURS_ABOVE = Setting.integer("trustchain.approvals.issuance.validity.hours.above", 0, 0, 720,
            "with issuance in trustchain.approvals.actions: issuance for longer than this many hours needs approval (0: no such rule)");

    static ApprovalSettings read(Settings s) {
        return new ApprovalSettings(s.get(ACTIONS), s.get(ISSUANCE_PROFILES), s.get(VALIDITY_HOURS_ABOVE));
    }

    private static List<String> words(String text, List<String> allowed) {
        List<String> out = new ArrayList<>();
        for (String w : Arrays.stream(text.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList()) {
            String word = w.toLowerCase(Locale.ROOT);
            if (!allowed.contains(word)) {
                throw new IllegalArgumentException("names '" + w + "'; supported: " + String.join(", ", allowed));
            }
            if (!out.contains(word)) {
                out.add(word);
            }
        }
        return List.copyOf(out);
    }
}
