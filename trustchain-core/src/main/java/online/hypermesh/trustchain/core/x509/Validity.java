package online.hypermesh.trustchain.core.x509;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.bouncycastle.asn1.x509.Time;

/**
 * A certificate validity period. RFC 5280 4.1.2.5 counts both ends inclusively, so a period of
 * {@code d} ends at {@code notBefore + d - 1s}. Times are whole seconds; {@link Time} picks
 * UTCTime before 2050 and GeneralizedTime from 2050 on, as RFC 5280 requires.
 */
public record Validity(Instant notBefore, Instant notAfter) {

    /** Clock skew allowance: relying parties whose clocks run a little behind still accept a fresh certificate. */
    public static final Duration BACKDATE = Duration.ofMinutes(5);

    public static Validity startingAt(Instant now, Duration duration) {
        Instant start = now.truncatedTo(ChronoUnit.SECONDS).minus(BACKDATE);
        return new Validity(start, start.plus(duration).minusSeconds(1));
    }

    /** The inclusive length of the period. */
    public Duration length() {
        return Duration.between(notBefore, notAfter).plusSeconds(1);
    }

    Time notBeforeTime() {
        return new Time(Date.from(notBefore));
    }

    Time notAfterTime() {
        return new Time(Date.from(notAfter));
    }
}
