package online.hypermesh.trustchain.bridge.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;

/** dns-01 (RFC 8555 8.4) against a DNS server on loopback that holds TXT records at _acme-challenge names. */
class Dns01ValidatorTest {
    private static final String KEY_AUTHORIZATION = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA.nP1qzpXGymHBrUEepNY9HCsQk7K8KhOypzEt62jcerQ";

    @Test
    void expectedValue_isTheBase64urlSha256OfTheKeyAuthorization() {
        // RFC 8555 8.4: the record holds base64url(SHA-256(key authorization)), 43 characters, no padding.
        String value = Dns01Validator.expectedValue(KEY_AUTHORIZATION);
        assertEquals(43, value.length());
        assertTrue(value.matches("[A-Za-z0-9_-]+"));
    }

    @Test
    void theRightRecordAmongOthersValidates_aWrongOneOrNoneDoesNot() throws Exception {
        String expected = Dns01Validator.expectedValue(KEY_AUTHORIZATION);
        Name web = Name.fromString("_acme-challenge.web.hypermesh.online.");
        Name wrong = Name.fromString("_acme-challenge.wrong.hypermesh.online.");
        Map<String, List<Record>> zone = Map.of(
                web.toString(), List.of(new TXTRecord(web, DClass.IN, 60, "an-older-token-value"), new TXTRecord(web, DClass.IN, 60, expected)),
                wrong.toString(), List.of(new TXTRecord(wrong, DClass.IN, 60, "not-the-digest")));
        try (LoopbackDns dns = new LoopbackDns(zone)) {
            Dns01Validator validator = new Dns01Validator(new NameResolver(List.of(dns.address()), Duration.ofSeconds(2)));
            assertTrue(validator.validate("web.hypermesh.online", KEY_AUTHORIZATION).startsWith("dns [127.0.0.1]:"));
            assertEquals(AcmeProblem.Type.INCORRECT_RESPONSE,
                    assertThrows(AcmeProblem.class, () -> validator.validate("wrong.hypermesh.online", KEY_AUTHORIZATION)).type());
            assertEquals(AcmeProblem.Type.UNAUTHORIZED,
                    assertThrows(AcmeProblem.class, () -> validator.validate("none.hypermesh.online", KEY_AUTHORIZATION)).type());
        }
    }
}
