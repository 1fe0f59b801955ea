package online.hypermesh.trustchain.ca.config;

import java.time.Duration;

/** Renewal and rollover: how long a renewed leaf overlaps its replacement, and when CA keys are rolled over. */
public record LifecycleSettings(Duration renewalGrace, Duration intermediateRollover, Duration rootRollover) {

    public static final Setting<Integer> RENEWAL_GRACE_MINUTES = Setting.integer("trustchain.renewal.grace.minutes", 60, 0, 10080,
            "how long a renewed certificate stays valid beside its replacement");
    // Quarterly and yearly by default; an intermediate lives 3 years and a root 10, so both stay below their lifetime.
    public static final Setting<Integer> INTERMEDIATE_ROLLOVER_DAYS = Setting.integer("trustchain.rollover.intermediate.days", 90, 0, 1000,
            "age at which an intermediate's key is rolled over (0: never automatically)");
    public static final Setting<Integer> ROOT_ROLLOVER_DAYS = Setting.integer("trustchain.rollover.root.days", 365, 0, 3000,
            "age at which the root key is rolled over (0: never automatically)");

    static LifecycleSettings read(Settings s) {
        return new LifecycleSettings(Duration.ofMinutes(s.get(RENEWAL_GRACE_MINUTES)), Duration.ofDays(s.get(INTERMEDIATE_ROLLOVER_DAYS)),
                Duration.ofDays(s.get(ROOT_ROLLOVER_DAYS)));
    }
}
