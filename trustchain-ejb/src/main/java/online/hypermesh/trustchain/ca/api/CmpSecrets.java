package online.hypermesh.trustchain.ca.api;

import jakarta.ejb.Local;

/** The shared secrets CMP clients authenticate with, each bound to a TrustChain account. */
@Local
public interface CmpSecrets {
    /**
     * A new shared secret for the TrustChain account {@code accountName}: the reply holds the
     * secret, which is shown only this once. Administrators only.
     */
    CmpSecretView create(String accountName, Caller caller);
}
