package online.hypermesh.trustchain.ca.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import online.hypermesh.trustchain.ca.api.MonitoringOverview;

/** The overview reads the meters by the names and labels /metrics exposes, summing over labels. */
class RegistryOverviewTest {
    @Test
    void readsCountersSummedOverLabels_gaugesAndExpiries_fromTheRegistry() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.counter(MetricNames.ISSUED, "profile", "server", "issuer", "ca-1").increment(3);
        registry.counter(MetricNames.ISSUED, "profile", "client", "issuer", "ca-1").increment(2);
        registry.counter(MetricNames.REFUSALS, "reason", "policy-violation").increment(4);
        registry.counter(MetricNames.REFUSALS, "reason", "bad-csr-signature").increment();
        registry.counter(MetricNames.DNS_QUERIES, "transport", "udp", "rcode", "NOERROR").increment(7);
        registry.gauge(MetricNames.CT_LOG_SIZE, Tags.empty(), new AtomicLong(41), AtomicLong::get);
        registry.gauge(MetricNames.ISSUANCE_ENABLED, Tags.empty(), new AtomicLong(0), AtomicLong::get);
        registry.gauge(MetricNames.CT_WITNESS_COSIGNED_SIZE, Tags.of("witness", "w1"), new AtomicLong(40), AtomicLong::get);
        registry.gauge(MetricNames.CT_WITNESS_COSIGNED_TIMESTAMP, Tags.of("witness", "w1"), new AtomicLong(1_800_000_000L), AtomicLong::get);
        registry.gauge(MetricNames.CT_WITNESS_SPLIT_VIEW, Tags.of("witness", "w1"), new AtomicLong(0), AtomicLong::get);
        registry.gauge(MetricNames.CA_EXPIRY, Tags.of("issuer", "root-1", "role", "root", "status", "active"), new AtomicLong(1_900_000_000L), AtomicLong::get);
        registry.gauge(MetricNames.CA_EXPIRY, Tags.of("issuer", "ca-1", "role", "intermediate", "status", "active"), new AtomicLong(1_850_000_000L),
                AtomicLong::get);
        registry.gauge(MetricNames.OCSP_RESPONDER_EXPIRY, Tags.of("issuer", "ca-1"), new AtomicLong(1_810_000_000L), AtomicLong::get);
        registry.gauge(MetricNames.CRL_THIS_UPDATE, Tags.of("issuer", "ca-1", "kind", "full"), new AtomicLong(1_800_000_000L), AtomicLong::get);
        registry.gauge(MetricNames.CRL_NEXT_UPDATE, Tags.of("issuer", "ca-1", "kind", "full"), new AtomicLong(1_800_086_400L), AtomicLong::get);

        MonitoringOverview.Overview o = RegistryOverview.read(registry, Instant.EPOCH);

        assertEquals(5, o.issued());
        assertEquals(Map.of("bad-csr-signature", 1.0, "policy-violation", 4.0), o.refusals());
        assertEquals(0, o.revocations(), "no revocation counter yet is zero");
        assertEquals(7, o.dnsQueries());
        assertFalse(o.issuanceEnabled());
        assertEquals(41, o.ctTreeSize());
        assertEquals(-1, o.ctConfirmedSize(), "no quorum gauge: no witnesses");
        assertEquals(List.of(new MonitoringOverview.Witness("w1", 40, Instant.ofEpochSecond(1_800_000_000L), false)), o.witnesses());
        assertEquals(List.of("ca-1", "root-1"), o.authorities().stream().map(MonitoringOverview.Expiry::issuer).toList(), "soonest first");
        assertEquals(Instant.ofEpochSecond(1_810_000_000L), o.ocspResponders().get(0).notAfter());
        assertEquals(List.of(new MonitoringOverview.Crl("ca-1", "full", Instant.ofEpochSecond(1_800_000_000L), Instant.ofEpochSecond(1_800_086_400L))),
                o.crls());
    }

    @Test
    void anEmptyRegistry_readsAsNothingYet() {
        MonitoringOverview.Overview o = RegistryOverview.read(new SimpleMeterRegistry(), Instant.EPOCH);
        assertEquals(0, o.issued());
        assertTrue(o.issuanceEnabled(), "the switch gauge appears with the first refresh; until then issuance is not reported off");
        assertTrue(o.witnesses().isEmpty() && o.authorities().isEmpty() && o.crls().isEmpty());
    }
}
