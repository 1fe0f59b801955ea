package online.hypermesh.trustchain.ca.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.error.TrustChainException;

class UpstreamAddressesTest {

    @Test
    void parse_bracketedV6_v4_andBareAddresses_withPort53ByDefault() {
        List<InetSocketAddress> upstreams = UpstreamAddresses.parse("[2001:db8::53]:5353, 127.0.0.1:53,192.0.2.1,2001:db8::1");
        assertEquals(4, upstreams.size());
        assertEquals(5353, upstreams.get(0).getPort());
        assertEquals("2001:db8:0:0:0:0:0:53", upstreams.get(0).getAddress().getHostAddress());
        assertEquals(53, upstreams.get(2).getPort());
        assertEquals(53, upstreams.get(3).getPort());
    }

    @Test
    void parse_rejectsHostNamesAndBadPorts() {
        assertThrows(IllegalArgumentException.class, () -> UpstreamAddresses.parse("dns.google:53"));
        assertThrows(IllegalArgumentException.class, () -> UpstreamAddresses.parse("127.0.0.1:70000"));
        assertThrows(IllegalArgumentException.class, () -> UpstreamAddresses.parse("[::1]:0"));
    }

    @Test
    void settings_noUpstreamMeansNoForwarding_andABadOneNamesTheSetting() {
        assertTrue(dns(Map.of()).forwarding().isEmpty());
        var forwarding = dns(Map.of("TRUSTCHAIN_DNS_UPSTREAMS", "[::1]:53,127.0.0.1:53")).forwarding();
        assertEquals(2, forwarding.orElseThrow().upstreams().size());
        TrustChainException e = assertThrows(TrustChainException.class, () -> dns(Map.of("TRUSTCHAIN_DNS_UPSTREAMS", "resolver.example")));
        assertTrue(e.getMessage().contains("trustchain.dns.upstreams"), e.getMessage());
    }

    @Test
    void settings_doqRetryIsOffByDefault_andOnlyTrueOrFalse() {
        assertTrue(!dns(Map.of()).doqRetry());
        assertTrue(dns(Map.of("TRUSTCHAIN_DOQ_RETRY", "true")).doqRetry());
        TrustChainException e = assertThrows(TrustChainException.class, () -> dns(Map.of("TRUSTCHAIN_DOQ_RETRY", "yes")));
        assertTrue(e.getMessage().contains("trustchain.doq.retry"), e.getMessage());
    }

    private static DnsSettings dns(Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("TRUSTCHAIN_DATA_DIR", "/srv/trustchain");
        return Configuration.read(new Settings(new Properties(), all)).dns();
    }
}
