package online.hypermesh.trustchain.ca.application;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.config.TrustChainConfig;
import online.hypermesh.trustchain.ca.domain.AuthorityStatus;
import online.hypermesh.trustchain.ca.infrastructure.files.PrivateFiles;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.Pem;

/**
 * The trust anchors in the data directory, for clients of this node: {@code root.pem} is the
 * active root (what new chains end in), {@code roots.pem} every root that is not revoked, so a
 * relying party that trusts it accepts certificates from before and after a root rollover.
 */
@ApplicationScoped
public class TrustAnchorFiles {
    @EJB
    AuthorityRegistry registry;

    @Inject
    TrustChainConfig config;

    public void publish() {
        StringBuilder roots = new StringBuilder();
        registry.all().stream().filter(e -> e.isRoot() && e.record().status() != AuthorityStatus.REVOKED)
                .forEach(e -> roots.append(Pem.certificate(e.record().certificate())));
        String active = registry.activeRoot().map(e -> Pem.certificate(e.record().certificate()))
                .orElseThrow(() -> TrustChainException.internal("the hierarchy has no active root", null));
        write("root.pem", active);
        write("roots.pem", roots.toString());
    }

    private void write(String name, String pem) {
        Path file = config.dataDir().resolve(name);
        try {
            PrivateFiles.writePublicAtomically(file, pem.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw TrustChainException.internal("cannot write " + file, e);
        }
    }
}
