package online.hypermesh.trustchain.web.metrics;

import java.io.IOException;
import java.util.Set;

import jakarta.ejb.EJB;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import online.hypermesh.trustchain.ca.api.HttpMetrics;

/**
 * Counts every response by endpoint family (the first path segment, from a closed list) and
 * status code, so availability is {@code 1 - 5xx / all} per family. The path itself is never a
 * label: it can carry a serial number or whatever a client typed.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class HttpResponseMetrics extends HttpFilter {
    private static final Set<String> FAMILIES = Set.of("api", "health", "ocsp", "crl", "ca", "ct", "tile", "checkpoint",
            "issuer", "log.json", "pkix", "scep");

    @EJB
    HttpMetrics metrics;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } finally {
            metrics.responded(family(request.getRequestURI()), response.getStatus());
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
