package online.hypermesh.trustchain.core.caa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The issue-value grammar of RFC 8659 section 4.2. */
class CaaIssueValueTest {

    private static CaaIssueValue ok(String value) {
        Optional<CaaIssueValue> v = CaaIssueValue.parse(value);
        assertTrue(v.isPresent(), "should parse: '" + value + "'");
        return v.get();
    }

    private static void bad(String value) {
        assertEquals(Optional.empty(), CaaIssueValue.parse(value), "should not parse: '" + value + "'");
    }

    @Test
    void issuerAlone() {
        assertEquals(Optional.of("ca.example.net"), ok("ca.example.net").issuerDomain());
        assertEquals(Optional.of("ca.example.net"), ok("  CA.example.NET\t").issuerDomain());
    }

    @Test
    void issuerWithParameters() {
        CaaIssueValue v = ok("ca.example.net; account=230123");
        assertEquals(Optional.of("ca.example.net"), v.issuerDomain());
        assertEquals(Map.of("account", "230123"), v.parameters());
        CaaIssueValue two = ok("ca.example.net;account=230123 ; policy = ev");
        assertEquals(Map.of("account", "230123", "policy", "ev"), two.parameters());
    }

    @Test
    void noIssuer() {
        assertEquals(Optional.empty(), ok(";").issuerDomain());
        assertEquals(Optional.empty(), ok("").issuerDomain());
        assertEquals(Optional.empty(), ok(" ; ").issuerDomain());
    }

    @Test
    void emptyParameterValueIsAllowed() {
        assertEquals(Map.of("key", ""), ok("ca.example.net; key=").parameters());
    }

    @Test
    void hyphensInsideLabelsOnly() {
        assertEquals(Optional.of("my-ca.example.net"), ok("my-ca.example.net").issuerDomain());
        assertEquals(Optional.of("my--ca.example.net"), ok("my--ca.example.net").issuerDomain());
        bad("-ca.example.net");
        bad("ca-.example.net");
        bad("ca..example.net");
        bad("ca.example.net.");
    }

    @Test
    void garbageIsNotAValue() {
        bad("ca.example.net extra");
        bad("%%%");
        bad("ca.example.net; account");
        bad("ca.example.net; =1");
        bad("ca.example.net; a=b c=d");
        bad("ca.example.net; a=b;c");
        bad("ca_example.net");
    }
}
