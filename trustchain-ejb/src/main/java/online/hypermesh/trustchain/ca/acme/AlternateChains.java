package online.hypermesh.trustchain.ca.acme;

import java.time.Instant;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.application.AuthorityRegistry;
import online.hypermesh.trustchain.ca.domain.CertificateRepository;
import online.hypermesh.trustchain.ca.domain.RootLinks;
import online.hypermesh.trustchain.core.x509.Pem;

/**
 * The alternate chains of an ACME certificate (RFC 8555 7.4.2): after a root rollover the default
 * chain ends below the new root; each alternate adds the link certificate by which an older root
 * certifies the new one, for clients that trust only the older root (certbot and lego choose one
 * with {@code --preferred-chain <issuer CN>}). Runs on the caller's transaction.
 */
@ApplicationScoped
public class AlternateChains {
    @Inject
    CertificateRepository certificates;

    @Inject
    RootLinks links;

    @EJB
    AuthorityRegistry registry;

    /** The link certificates (PEM) that each make one alternate chain for certificate {@code serialHex}, newest link first. */
    public List<String> linksFor(String serialHex) {
        String issuer = certificates.find(serialHex).map(c -> c.issuerId()).orElse(null);
        if (issuer == null) {
            return List.of();
        }
        String root = registry.byId(issuer).map(e -> e.record().parentId()).orElse(null);
        if (root == null) {
            return List.of();
        }
        return links.certifying(root, Instant.now()).stream().map(l -> Pem.certificate(l.der())).toList();
    }
}
