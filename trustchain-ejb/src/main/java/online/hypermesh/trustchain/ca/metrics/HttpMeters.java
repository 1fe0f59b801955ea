package online.hypermesh.trustchain.ca.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import online.hypermesh.trustchain.ca.api.HttpMetrics;

/** HTTP answers by endpoint family and status; lock-free, counters kept by their labels. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class HttpMeters implements HttpMetrics {
    @Inject
    MeterRegistry registry;

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    @Override
    public void responded(String endpointFamily, int status) {
        // Guards the label set even if a caller passes something it should not.
        String endpoint = endpointFamily != null && endpointFamily.matches("[a-z][a-z.]{0,15}") ? endpointFamily : "other";
        String code = status >= 100 && status < 600 ? Integer.toString(status) : "other";
        counters.computeIfAbsent(endpoint + " " + code,
                k -> registry.counter(MetricNames.HTTP_RESPONSES, "endpoint", endpoint, "status", code)).increment();
    }
}
