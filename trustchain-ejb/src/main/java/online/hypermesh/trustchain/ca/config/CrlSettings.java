package online.hypermesh.trustchain.ca.config;

import java.time.Duration;

/** How long the CRLs this CA signs are valid: nextUpdate − thisUpdate of full and of delta CRLs. */
public record CrlSettings(Duration validity, Duration deltaValidity) {

    public static final Setting<Integer> VALIDITY_HOURS = Setting.integer("trustchain.crl.validity.hours", 24, 1, 168,
            "hours between a CRL's thisUpdate and nextUpdate");
    public static final Setting<Integer> DELTA_VALIDITY_MINUTES = Setting.integer("trustchain.crl.delta.validity.minutes", 60, 5, 1440,
            "minutes between a delta CRL's thisUpdate and nextUpdate");

    static CrlSettings read(Settings s) {
        return new CrlSettings(Duration.ofHours(s.get(VALIDITY_HOURS)), Duration.ofMinutes(s.get(DELTA_VALIDITY_MINUTES)));
    }
}
