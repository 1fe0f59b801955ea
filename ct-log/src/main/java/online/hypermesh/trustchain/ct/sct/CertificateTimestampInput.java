package online.hypermesh.trustchain.ct.sct;

import online.hypermesh.trustchain.ct.entry.SignedEntry;

/**
 * What an SCT's signature covers (RFC 6962 3.2), as its parts: a log signer is handed this, never
 * bytes, so the log's key cannot be made to sign anything that is not an SCT.
 */
public record CertificateTimestampInput(long timestamp, SignedEntry entry, byte[] extensions) {

    /** The exact bytes signed: sct_version, signature_type certificate_timestamp, timestamp, entry, extensions. */
    public byte[] encode() {
        return SignatureInputs.certificateTimestamp(timestamp, entry, extensions);
    }
}
