package online.hypermesh.trustchain.core.revocation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** What the CA knows about one serial, as OCSP reports it (RFC 6960 2.2). */
public sealed interface CertificateStatus {

    /** Issued by this authority and not revoked. Never for a serial that was not issued (BR 4.9.10). */
    record Good() implements CertificateStatus {
    }

    /** Revoked (or on hold, reason certificateHold). */
    record Revoked(Instant time, RevocationReason reason) implements CertificateStatus {
        public Revoked {
            time = Objects.requireNonNull(time, "time").truncatedTo(ChronoUnit.SECONDS);
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Not a serial this authority issued, or not known to it. */
    record Unknown() implements CertificateStatus {
    }

    static CertificateStatus good() {
        return new Good();
    }

    static CertificateStatus unknown() {
        return new Unknown();
    }

    static CertificateStatus revoked(Instant time, RevocationReason reason) {
        return new Revoked(time, reason);
    }
}
