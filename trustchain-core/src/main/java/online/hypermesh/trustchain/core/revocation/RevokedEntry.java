package online.hypermesh.trustchain.core.revocation;

import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One revoked certificate as a CRL lists it. The time is cut to whole seconds because RFC 5280
 * 5.1.2.6 forbids fractional seconds in CRL times.
 */
public record RevokedEntry(BigInteger serial, Instant revocationTime, RevocationReason reason) {
    public RevokedEntry {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(reason, "reason");
        revocationTime = Objects.requireNonNull(revocationTime, "revocationTime").truncatedTo(ChronoUnit.SECONDS);
    }
}
