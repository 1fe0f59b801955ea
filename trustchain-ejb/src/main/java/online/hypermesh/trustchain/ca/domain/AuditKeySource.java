package online.hypermesh.trustchain.ca.domain;

import java.security.PublicKey;

/** The audit key's public half (what verifies the signed checkpoints), for those who write bundles outside the signer. */
public interface AuditKeySource {

    /** Generated in the crypto token on first use. */
    PublicKey auditKey();
}
