package online.hypermesh.trustchain.web.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The endpoint label is one of a closed list: a path never becomes a label value. */
class HttpResponseMetricsTest {
    @Test
    void family_isTheFirstSegmentWhenKnown_elseOther() {
        assertEquals("api", HttpResponseMetrics.family("/api/v1/ca/certificates/0a1b2c"));
        assertEquals("health", HttpResponseMetrics.family("/health"));
        assertEquals("crl", HttpResponseMetrics.family("/crl/us-east-1-g1.crl"));
        assertEquals("ct", HttpResponseMetrics.family("/ct/v1/get-sth"));
        assertEquals("tile", HttpResponseMetrics.family("/tile/0/000.p/1"));
        assertEquals("pkix", HttpResponseMetrics.family("/pkix/"));
        assertEquals("other", HttpResponseMetrics.family("/0a1b2c3d"));
        assertEquals("other", HttpResponseMetrics.family("/"));
        assertEquals("other", HttpResponseMetrics.family(null));
        assertEquals("other", HttpResponseMetrics.family("/apix/v1"));
    }
}
