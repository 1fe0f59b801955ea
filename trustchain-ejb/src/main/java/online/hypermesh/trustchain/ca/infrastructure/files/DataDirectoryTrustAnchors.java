package online.hypermesh.trustchain.ca.infrastructure.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.config.TrustChainConfig;
import online.hypermesh.trustchain.ca.domain.TrustAnchorStore;
import online.hypermesh.trustchain.core.error.TrustChainException;

/** The {@link TrustAnchorStore} as root.pem and roots.pem in the data directory, world-readable, each replaced atomically. */
@ApplicationScoped
public class DataDirectoryTrustAnchors implements TrustAnchorStore {
    @Inject
    TrustChainConfig config;

    @Override
    public void publish(String activeRootPem, String unrevokedRootsPem) {
        write("root.pem", activeRootPem);
        write("roots.pem", unrevokedRootsPem);
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
