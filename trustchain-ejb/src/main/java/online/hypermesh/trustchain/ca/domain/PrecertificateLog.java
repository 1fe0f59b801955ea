package online.hypermesh.trustchain.ca.domain;

import java.util.OptionalLong;

/**
 * The Certificate Transparency log as issuance uses it: it logs the CA's own precertificates and
 * says whether a precertificate is logged. Not reachable from the web tier (which has the
 * log's public submission API instead).
 */
public interface PrecertificateLog {

    /**
     * Logs {@code precertificateDer}, signed by the CA whose certificate is {@code issuerDer}, and
     * returns once its entry is in a committed, signed tree head. Checked like add-pre-chain except
     * that the signature the CA has just made is not verified again.
     *
     * @throws online.hypermesh.trustchain.core.error.TrustChainException UNAVAILABLE if the log
     *         cannot answer in time (the entry may still be logged later)
     */
    Logged log(byte[] precertificateDer, byte[] issuerDer);

    /** The leaf index of the precertificate's entry, if the log holds it. */
    OptionalLong find(byte[] precertificateDer, byte[] issuerDer);

    /**
     * @param tlsEncodedSctList the SignedCertificateTimestampList to embed (RFC 6962 3.3)
     */
    record Logged(byte[] tlsEncodedSctList, long leafIndex) {
    }
}
