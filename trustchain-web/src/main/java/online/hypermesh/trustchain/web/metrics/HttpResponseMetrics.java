package online.hypermesh.trustchain.web.metrics;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts every response by endpoint family (the first path segment, from a closed list) and
 * status code, so availability is {@code 1 - 5xx / all} per family. The path itself is never a
 * label: it can carry a serial number or whatever a client typed.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class HttpResponseMetrics extends HttpFilter {
    static final String NAME = "trustchain.http.responses";
    private static final Set<String> FAMILIES = Set.of("api", "health", "ocsp", "crl", "ca", "ct", "tile", "checkpoint",
            "issuer", "log.json");

    @Inject
    MeterRegistry registry;

    /** By endpoint and status: the registry finds a meter by searching, too slow for every response. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } finally {
            int code = response.getStatus();
            String endpoint = family(request.getRequestURI());
            String status = code >= 100 && code < 600 ? Integer.toString(code) : "other";
            counters.computeIfAbsent(endpoint + " " + status, k -> registry.counter(NAME, "endpoint", endpoint, "status", status))
                    .increment();
        }
    }

    static String family(String uri) {
        if (uri == null || uri.length() < 2) {
            return "other";
        }
        int end = uri.indexOf('/', 1);
        String first = end < 0 ? uri.substring(1) : uri.substring(1, end);
        return FAMILIES.contains(first) ? first : "other";
    }
}
