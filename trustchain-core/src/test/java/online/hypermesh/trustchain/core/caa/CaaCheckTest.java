package online.hypermesh.trustchain.core.caa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** RFC 8659's own examples (sections 3, 4.1, 4.2, 4.3), with this CA as {@code ca.example.net}. */
class CaaCheckTest {
    private final Map<String, List<CaaProperty>> zone = new HashMap<>();
    private final List<String> asked = new ArrayList<>();

    private CaaCheck check() {
        return new CaaCheck(Set.of("ca.example.net"), domain -> {
            asked.add(domain);
            if (domain.startsWith("fail.")) {
                return new CaaAnswer.Failure("SERVFAIL", true);
            }
            return new CaaAnswer.Records(zone.getOrDefault(domain, List.of()));
        });
    }

    private void publish(String domain, int flags, String tag, String value) {
        zone.computeIfAbsent(domain, d -> new ArrayList<>()).add(new CaaProperty(flags, tag, value));
    }

    @Test
    void section4_2_issueNamingThisCaPermits() {
        publish("example.com", 0, "issue", "ca.example.net");
        assertInstanceOf(CaaDecision.Permitted.class, check().check("example.com"));
    }

    @Test
    void section4_2_parametersAreAllowedAndIgnored() {
        publish("example.com", 0, "issue", "ca.example.net; account=230123");
        assertEquals(new CaaDecision.Permitted("example.com"), check().check("example.com"));
    }

    @Test
    void section4_2_semicolonAloneNamesNoOne() {
        publish("nocerts.example.com", 0, "issue", ";");
        CaaDecision d = check().check("nocerts.example.com");
        CaaDecision.Refused refused = assertInstanceOf(CaaDecision.Refused.class, d);
        assertEquals("nocerts.example.com", refused.relevantDomain());
    }

    @Test
    void section4_2_anotherIssuerRefuses() {
        publish("example.com", 0, "issue", "letsencrypt.org");
        CaaDecision.Refused refused = assertInstanceOf(CaaDecision.Refused.class, check().check("www.example.com"));
        assertTrue(refused.reason().contains("letsencrypt.org"), refused.reason());
    }

    @Test
    void section4_2_anyOfSeveralIssuePropertiesMayNameThisCa() {
        publish("example.com", 0, "issue", "letsencrypt.org");
        publish("example.com", 0, "issue", "CA.Example.Net");
        assertInstanceOf(CaaDecision.Permitted.class, check().check("example.com"));
    }

    @Test
    void section4_1_criticalUnknownTagRefuses() {
        publish("example.com", 0, "issue", "ca.example.net");
        publish("example.com", 0, "iodef", "mailto:security@example.com");
        publish("example.com", 128, "tbs", "Unknown");
        CaaDecision.Refused refused = assertInstanceOf(CaaDecision.Refused.class, check().check("example.com"));
        assertTrue(refused.reason().contains("critical"), refused.reason());
    }

    @Test
    void section4_1_unknownTagWithoutCriticalIsIgnored() {
        publish("example.com", 0, "issue", "ca.example.net");
        publish("example.com", 0, "tbs", "Unknown");
        assertInstanceOf(CaaDecision.Permitted.class, check().check("example.com"));
    }

    @Test
    void section4_1_reservedFlagBitsAreIgnored() {
        publish("example.com", 1, "issue", "ca.example.net");
        assertInstanceOf(CaaDecision.Permitted.class, check().check("example.com"));
    }

    @Test
    void section4_1_criticalIssueIsUnderstood() {
        publish("example.com", 128, "issue", "ca.example.net");
        assertInstanceOf(CaaDecision.Permitted.class, check().check("example.com"));
    }

    @Test
    void section4_1_tagsCompareCaseInsensitively() {
        publish("example.com", 0, "ISSUE", "letsencrypt.org");
        assertInstanceOf(CaaDecision.Refused.class, check().check("example.com"));
    }

    @Test
    void section4_1_setWithoutRestrictingPropertyPermits() {
        publish("example.com", 0, "iodef", "mailto:security@example.com");
        assertEquals(new CaaDecision.Permitted("example.com"), check().check("example.com"));
    }

    @Test
    void section4_3_issuewildGovernsWildcardsOnly() {
        publish("example.com", 0, "issue", "ca.example.net");
        publish("example.com", 0, "issuewild", "ca.example.org");
        assertInstanceOf(CaaDecision.Permitted.class, check().check("example.com"));
        assertInstanceOf(CaaDecision.Refused.class, check().check("*.example.com"));
    }

    @Test
    void section4_3_wildcardFallsBackToIssue() {
        publish("example.com", 0, "issue", "ca.example.net");
        assertInstanceOf(CaaDecision.Permitted.class, check().check("*.example.com"));
    }

    @Test
    void section4_3_issuewildSemicolonForbidsWildcardsButNotNames() {
        publish("example.com", 0, "issue", "ca.example.net");
        publish("example.com", 0, "issuewild", ";");
        assertInstanceOf(CaaDecision.Permitted.class, check().check("www.example.com"));
        assertInstanceOf(CaaDecision.Refused.class, check().check("*.example.com"));
    }

    @Test
    void section4_3_issuewildNamingThisCaPermitsWildcardDespiteIssue() {
        publish("example.com", 0, "issue", "letsencrypt.org");
        publish("example.com", 0, "issuewild", "ca.example.net");
        assertInstanceOf(CaaDecision.Permitted.class, check().check("*.example.com"));
        assertInstanceOf(CaaDecision.Refused.class, check().check("example.com"));
    }

    @Test
    void section3_climbStopsAtFirstNonEmptySet() {
        publish("example.com", 0, "issue", "letsencrypt.org");
        publish("shop.example.com", 0, "issue", "ca.example.net");
        assertEquals(new CaaDecision.Permitted("shop.example.com"), check().check("www.shop.example.com"));
        assertEquals(List.of("www.shop.example.com", "shop.example.com"), asked);
    }

    @Test
    void section3_climbGoesUpToButNotIncludingTheRoot() {
        assertEquals(new CaaDecision.Permitted(null), check().check("a.b.example.com."));
        assertEquals(List.of("a.b.example.com", "b.example.com", "example.com", "com"), asked);
    }

    @Test
    void section3_wildcardClimbStartsBelowTheStar() {
        check().check("*.www.example.com");
        assertEquals("www.example.com", asked.get(0));
    }

    @Test
    void trailingDotAndCaseDoNotMatter() {
        publish("example.com", 0, "issue", "ca.example.net.".replace(".net.", ".net"));
        assertInstanceOf(CaaDecision.Permitted.class, check().check("WWW.Example.COM."));
    }

    @Test
    void aFailedLookupOnTheClimbLeavesTheNameUnchecked() {
        CaaDecision.Unchecked u = assertInstanceOf(CaaDecision.Unchecked.class, check().check("www.fail.example.com"));
        assertEquals("fail.example.com", u.domain());
    }

    @Test
    void malformedValueAuthorizesNoOne() {
        publish("example.com", 0, "issue", "ca.example.net extra");
        assertInstanceOf(CaaDecision.Refused.class, check().check("example.com"));
    }
}
