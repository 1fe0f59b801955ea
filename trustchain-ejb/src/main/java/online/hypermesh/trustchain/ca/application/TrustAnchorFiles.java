package online.hypermesh.trustchain.ca.application;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.domain.AuthorityStatus;
import online.hypermesh.trustchain.ca.domain.TrustAnchorStore;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.Pem;

/**
 * The trust anchors for clients of this node, from the hierarchy as this node knows it:
 * {@code root.pem} is the active root (what new chains end in), {@code roots.pem} every root that
 * is not revoked, so a relying party that trusts it accepts certificates from before and after a
 * root rollover. Where and how they are written is the {@link TrustAnchorStore}'s business.
 */
@ApplicationScoped
public class TrustAnchorFiles {
    @EJB
    AuthorityRegistry registry;

    @Inject
    TrustAnchorStore store;

    public void publish() {
        StringBuilder roots = new StringBuilder();
        registry.all().stream().filter(e -> e.isRoot() && e.record().status() != AuthorityStatus.REVOKED)
                .forEach(e -> roots.append(Pem.certificate(e.record().certificate())));
        String active = registry.activeRoot().map(e -> Pem.certificate(e.record().certificate()))
                .orElseThrow(() -> TrustChainException.internal("the hierarchy has no active root", null));
        store.publish(active, roots.toString());
    }
}
