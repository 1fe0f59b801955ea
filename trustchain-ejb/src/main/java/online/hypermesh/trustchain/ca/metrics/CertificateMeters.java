package online.hypermesh.trustchain.ca.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import online.hypermesh.trustchain.ca.domain.CertificateIssued;
import online.hypermesh.trustchain.ca.domain.CertificateStatusChanged;

/**
 * Issuance and revocation figures. Issued and revoked certificates are counted from the domain
 * events after their transaction committed, so a rolled-back issuance is never counted;
 * durations and refusals come from {@link IssuanceMetering} around the issuing call.
 */
@ApplicationScoped
public class CertificateMeters {
    /** The profiles a label may name; anything else a client sent is "other". */
    private static final Set<String> PROFILES = Set.of("server", "client", "service");

    @Inject
    MeterRegistry registry;

    private HistogramTimers timers;
    /** Meters by their label values: the registry finds a meter by searching, too slow for every request. */
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private final Map<List<String>, Timer> durations = new ConcurrentHashMap<>();

    @PostConstruct
    void start() {
        timers = HistogramTimers.of(registry);
    }

    void issued(@Observes(during = TransactionPhase.AFTER_SUCCESS) CertificateIssued event) {
        counter(MetricNames.ISSUED, "profile", profile(event.profile()), "issuer", event.issuerId()).increment();
    }

    void statusChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) CertificateStatusChanged event) {
        if (event.reason() == null) {
            return; // a released hold, not a revocation
        }
        counter(MetricNames.REVOCATIONS, "issuer", event.issuerId(), "reason", event.reason()).increment();
    }

    /** One issuing call's duration; {@code outcome} is "issued" or "refused". */
    void issuanceTook(String requestedProfile, String outcome, long nanos) {
        String profile = profile(requestedProfile);
        durations.computeIfAbsent(List.of(profile, outcome), k -> timers.timer(MetricNames.ISSUANCE_DURATION,
                "Time to answer an issuance request", Tags.of("profile", profile, "outcome", outcome))).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** An issuance refused, by error kind (policy-violation, bad-csr-signature, unavailable, ...). */
    void refused(String reason) {
        counter(MetricNames.REFUSALS, "reason", reason).increment();
    }

    private Counter counter(String name, String... tags) {
        List<String> key = new java.util.ArrayList<>(List.of(tags));
        key.add(0, name);
        return counters.computeIfAbsent(key, k -> registry.counter(name, tags));
    }

    static String profile(String requested) {
        String p = requested == null ? "" : requested.trim().toLowerCase(Locale.ROOT);
        return PROFILES.contains(p) ? p : "other";
    }
}
