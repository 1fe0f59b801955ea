package online.hypermesh.trustchain.ca.ct;

import java.security.PublicKey;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.domain.AuthorityRepository;
import online.hypermesh.trustchain.ca.signer.CaSigner;

/** Creates the CT log key once per database: in its own transaction, under the bootstrap advisory lock. */
@Stateless
public class CtLogKeys {
    @EJB
    CaSigner signer;

    @Inject
    AuthorityRepository authorities;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public PublicKey ensureLogKey() {
        authorities.lockForBootstrap();
        return signer.ctLogKey();
    }
}
