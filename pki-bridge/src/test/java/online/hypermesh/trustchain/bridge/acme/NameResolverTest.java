package online.hypermesh.trustchain.bridge.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;

/**
 * The validation resolver asks the configured DNS server over UDP, as it would ask TrustChain's
 * own mesh zone in tests. The server here answers AAAA ::1 for one name and NXDOMAIN otherwise.
 */
class NameResolverTest {
    @Test
    void aaaa_fromTheConfiguredServer_andNoAddressIsADnsProblem() throws Exception {
        Name web = Name.fromString("web.acme.hypermesh.online.");
        try (LoopbackDns dns = new LoopbackDns(Map.of(web.toString(), List.of(new AAAARecord(web, DClass.IN, 60, InetAddress.getByName("::1")))))) {
            NameResolver resolver = new NameResolver(List.of(dns.address()), Duration.ofSeconds(2));
            assertEquals(List.of(InetAddress.getByName("::1")), resolver.addresses("web.acme.hypermesh.online"));
            assertEquals(AcmeProblem.Type.DNS, assertThrows(AcmeProblem.class, () -> resolver.addresses("nothing.hypermesh.online")).type());
        }
    }
}
