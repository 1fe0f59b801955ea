package online.hypermesh.trustchain.bridge.acme;

import java.time.Duration;
import java.time.Instant;

/**
 * When a client should renew (RFC 9773 4.2), from the certificate's own lifetime, so that a
 * 24-hour certificate and a 90-day one both renew in their last third: the window opens two
 * thirds of the way through and closes at five sixths, which leaves the last sixth (four hours
 * of a day) for a client whose renewals fail to retry before the certificate expires. A
 * revoked certificate's window lies in the past, which tells a client to renew at once.
 *
 * <p>Clients pick a random moment in the window, so a fleet issued together spreads its renewals
 * over a sixth of the lifetime instead of arriving at once.
 */
public record RenewalWindow(Instant start, Instant end) {
    public RenewalWindow {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a renewal window ends after it starts");
        }
    }

    public static RenewalWindow of(Instant notBefore, Instant notAfter, boolean revoked, Instant now) {
        Duration lifetime = lifetime(notBefore, notAfter);
        if (revoked) {
            Duration back = lifetime.dividedBy(6);
            return new RenewalWindow(now.minus(back).minus(back), now.minus(back));
        }
        return new RenewalWindow(notBefore.plus(lifetime.multipliedBy(2).dividedBy(3)), notBefore.plus(lifetime.multipliedBy(5).dividedBy(6)));
    }

    /**
     * How long a client should wait before asking again (the Retry-After of RFC 9773 4.3): an
     * eighth of the lifetime (three hours for a day), between a minute and six hours, so a
     * change (a revocation, a window moved for an incident) reaches clients well within the window.
     */
    public static Duration retryAfter(Instant notBefore, Instant notAfter) {
        Duration d = lifetime(notBefore, notAfter).dividedBy(8);
        Duration min = Duration.ofMinutes(1);
        Duration max = Duration.ofHours(6);
        return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
    }

    /** RFC 5280 4.1.2.5: the validity period includes notAfter, so a day-long certificate ends 23:59:59 after it starts. */
    private static Duration lifetime(Instant notBefore, Instant notAfter) {
        return Duration.between(notBefore, notAfter).plusSeconds(1);
    }
}
