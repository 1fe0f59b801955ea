package online.hypermesh.trustchain.ca.api;

import jakarta.ejb.Local;

/**
 * Where the web tier reports each HTTP answer, for the availability figures
 * ({@code trustchain_http_responses_total}). The endpoint family must come from a closed list
 * (the first path segment the edge knows); anything else is counted as "other".
 */
@Local
public interface HttpMetrics {
    void responded(String endpointFamily, int status);
}
