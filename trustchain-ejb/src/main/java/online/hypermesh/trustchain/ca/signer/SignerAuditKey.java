package online.hypermesh.trustchain.ca.signer;

import java.security.PublicKey;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import online.hypermesh.trustchain.ca.domain.AuditKeySource;

/** {@link AuditKeySource} from the signer: the S3 archive names the audit key in every segment. */
@ApplicationScoped
public class SignerAuditKey implements AuditKeySource {

    @EJB
    CaSigner signer;

    @Override
    public PublicKey auditKey() {
        return signer.auditKey();
    }
}
