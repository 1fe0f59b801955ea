package online.hypermesh.trustchain.ct.submit;

import java.util.List;
import java.util.Objects;

import online.hypermesh.trustchain.ct.entry.ExtraData;
import online.hypermesh.trustchain.ct.entry.LogEntryType;
import online.hypermesh.trustchain.ct.entry.SignedEntry;

/**
 * A checked submission: the entry to log, the submitted precertificate (precert entries only)
 * and the issuer chain from the leaf's issuer up to and including the accepted root.
 */
public record Submission(SignedEntry entry, byte[] preCertificate, List<byte[]> chain) {

    public Submission {
        Objects.requireNonNull(entry, "entry");
        chain = List.copyOf(chain);
        if ((entry.type() == LogEntryType.PRECERT_ENTRY) != (preCertificate != null)) {
            throw new IllegalArgumentException("a precertificate goes with a precert entry, and only there");
        }
    }

    /** RFC 6962 extra_data for get-entries. */
    public byte[] extraData() {
        return entry.type() == LogEntryType.PRECERT_ENTRY ? ExtraData.precertChain(preCertificate, chain) : ExtraData.x509Chain(chain);
    }
}
