package online.hypermesh.trustchain.ca.domain;

import java.util.Locale;

/**
 * How far issuance got for a serial. A precertificate counts as an issued certificate (it may be
 * in a CT log): it is revocable and OCSP answers for it like for the final certificate.
 */
public enum IssuanceStage {
    /** Only the precertificate exists: issuance is in flight, or it stopped before the final certificate was stored. */
    PRECERTIFICATE,
    /** The final certificate is stored. */
    FINAL;

    public String apiValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
