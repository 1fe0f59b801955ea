package online.hypermesh.trustchain.bridge.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The ARI certificate identifier against RFC 9773's example, and the renewal window's arithmetic. */
class RenewalInfoTest {

    @Test
    void theCertificateIdentifier_isRfc9773sExample() {
        // RFC 9773 4.1: keyid 69:88:5B:6B:87:46:40:41:E1:B3:7B:84:7B:A0:AE:2C:DE:01:C8:D4, serial 87:65:43:21.
        RenewalCertId id = new RenewalCertId(HexFormat.of().parseHex("69885B6B87464041E1B37B847BA0AE2CDE01C8D4"), new BigInteger("87654321", 16));
        assertEquals("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE", id.text());
        assertEquals(id, RenewalCertId.parse("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE"));
    }

    @Test
    void aMalformedIdentifier_isAMalformedProblem() {
        for (String bad : new String[] {"", "aYhba4dGQEHhs3uEe6CuLN4ByNQ", ".AIdlQyE", "aYhba4dGQEHhs3uEe6CuLN4ByNQ.", "a.b.c",
                "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE=", "aYhba4dGQEHhs3uEe6CuLN4ByNQ.h2VDIQ", "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AAE"}) {
            AcmeProblem p = assertThrows(AcmeProblem.class, () -> RenewalCertId.parse(bad), bad);
            assertEquals(AcmeProblem.Type.MALFORMED, p.type(), bad);
        }
    }

    @Test
    void aDayLongCertificate_renewsBetweenItsSixteenthAndTwentiethHour() {
        Instant issued = Instant.parse("2026-12-01T00:00:00Z");
        Instant notAfter = issued.plus(Duration.ofHours(24)).minusSeconds(1); // RFC 5280: inclusive
        RenewalWindow w = RenewalWindow.of(issued, notAfter, false, issued);
        assertEquals(Instant.parse("2026-12-01T16:00:00Z"), w.start());
        assertEquals(Instant.parse("2026-12-01T20:00:00Z"), w.end());
        assertEquals(Duration.ofHours(3), RenewalWindow.retryAfter(issued, notAfter));
        assertEquals(Duration.ofHours(6), RenewalWindow.retryAfter(issued, issued.plus(Duration.ofDays(90))));
    }

    @Test
    void aRevokedCertificatesWindow_liesInThePast() {
        Instant issued = Instant.parse("2026-12-01T00:00:00Z");
        Instant now = issued.plus(Duration.ofHours(2));
        RenewalWindow w = RenewalWindow.of(issued, issued.plus(Duration.ofHours(24)), true, now);
        assertTrue(w.end().isBefore(now), w.toString());
        assertTrue(w.start().isBefore(w.end()), w.toString());
    }
}
