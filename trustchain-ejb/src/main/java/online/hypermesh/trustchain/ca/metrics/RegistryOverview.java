package online.hypermesh.trustchain.ca.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import online.hypermesh.trustchain.ca.api.MonitoringOverview;

/** Reads {@link MonitoringOverview} from the Micrometer registry the other meters of this package write to. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RegistryOverview implements MonitoringOverview {
    @Inject
    MeterRegistry registry;

    @Override
    public Overview read() {
        return read(registry, Instant.now());
    }

    static Overview read(MeterRegistry registry, Instant now) {
        Map<String, Double> refusals = new TreeMap<>();
        for (Meter m : registry.find(MetricNames.REFUSALS).meters()) {
            refusals.merge(String.valueOf(m.getId().getTag("reason")), count(m), Double::sum);
        }
        Map<String, Witness> witnesses = new TreeMap<>();
        for (Gauge g : registry.find(MetricNames.CT_WITNESS_COSIGNED_SIZE).gauges()) {
            String name = g.getId().getTag("witness");
            Gauge at = registry.find(MetricNames.CT_WITNESS_COSIGNED_TIMESTAMP).tag("witness", name).gauge();
            Gauge split = registry.find(MetricNames.CT_WITNESS_SPLIT_VIEW).tag("witness", name).gauge();
            long size = (long) g.value();
            witnesses.put(name, new Witness(name, size, at == null || size < 0 ? null : seconds(at.value()), split != null && split.value() > 0));
        }
        List<Expiry> authorities = new ArrayList<>();
        for (Gauge g : registry.find(MetricNames.CA_EXPIRY).gauges()) {
            authorities.add(new Expiry(g.getId().getTag("issuer"), g.getId().getTag("role"), g.getId().getTag("status"), seconds(g.value())));
        }
        List<Expiry> responders = new ArrayList<>();
        for (Gauge g : registry.find(MetricNames.OCSP_RESPONDER_EXPIRY).gauges()) {
            responders.add(new Expiry(g.getId().getTag("issuer"), "ocsp", null, seconds(g.value())));
        }
        List<Crl> crls = new ArrayList<>();
        for (Gauge g : registry.find(MetricNames.CRL_THIS_UPDATE).gauges()) {
            String issuer = g.getId().getTag("issuer");
            String kind = g.getId().getTag("kind");
            Gauge next = registry.find(MetricNames.CRL_NEXT_UPDATE).tag("issuer", issuer).tag("kind", kind).gauge();
            crls.add(new Crl(issuer, kind, seconds(g.value()), next == null ? null : seconds(next.value())));
        }
        crls.sort(Comparator.comparing(Crl::issuer).thenComparing(Crl::kind));
        Comparator<Expiry> soonest = Comparator.comparing(Expiry::notAfter);
        authorities.sort(soonest);
        responders.sort(soonest);
        Gauge enabled = registry.find(MetricNames.ISSUANCE_ENABLED).gauge();
        return new Overview(now, sum(registry, MetricNames.ISSUED), refusals, sum(registry, MetricNames.REVOCATIONS),
                sum(registry, MetricNames.DNS_QUERIES), enabled == null || enabled.value() > 0, (long) gauge(registry, MetricNames.CT_LOG_SIZE, 0),
                (long) gauge(registry, MetricNames.CT_CHECKPOINT_CONFIRMED_SIZE, -1), List.copyOf(witnesses.values()), authorities, responders, crls);
    }

    private static double sum(MeterRegistry registry, String name) {
        return registry.find(name).meters().stream().mapToDouble(RegistryOverview::count).sum();
    }

    private static double count(Meter m) {
        if (m instanceof Counter c) {
            return c.count();
        }
        return m instanceof FunctionCounter f ? f.count() : 0;
    }

    private static double gauge(MeterRegistry registry, String name, double absent) {
        Gauge g = registry.find(name).gauge();
        return g == null || Double.isNaN(g.value()) ? absent : g.value();
    }

    private static Instant seconds(double epochSeconds) {
        return Instant.ofEpochSecond((long) epochSeconds);
    }
}
