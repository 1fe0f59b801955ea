package online.hypermesh.trustchain.ca.infrastructure.messaging;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import software.amazon.awssdk.services.s3.S3Client;

import online.hypermesh.trustchain.ca.api.CtLogService;
import online.hypermesh.trustchain.ca.config.S3Settings;
import online.hypermesh.trustchain.ca.domain.AuditArchive;
import online.hypermesh.trustchain.sinks.s3.CtArchiveVerifier;
import online.hypermesh.trustchain.sinks.s3.S3Archive;
import online.hypermesh.trustchain.sinks.s3.S3ArchiveVerifier;

/**
 * {@link AuditArchive} on the S3 sink's bucket ({@code trustchain.s3.*}), with a client of its own
 * per check: the audit segments, and the CT log's tiles and checkpoint (against the log's key)
 * when they are archived too. The whole is ok only when both parts are.
 */
@ApplicationScoped
public class S3AuditArchive implements AuditArchive {

    @Inject
    S3Settings settings;

    @EJB
    CtLogService ct;

    @Override
    public Optional<Check> verify() {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        S3Archive.Target target = target(settings);
        try (S3Client client = S3Archive.client(target, Clock.systemUTC(), List.of())) {
            S3ArchiveVerifier.Result r = S3ArchiveVerifier.verify(client, target);
            CtCheck tiles = null;
            if (settings.ct()) {
                CtArchiveVerifier.Result c = CtArchiveVerifier.verify(client, target, logKey());
                tiles = new CtCheck(c.ok(), c.treeSize(), c.tiles(), c.failedAtLeaf(), c.reason(), c.damaged());
            }
            boolean ok = r.ok() && (tiles == null || tiles.ok());
            String reason = r.ok() && !ok ? "the audit trail verified; the CT log's archive did not: " + tiles.reason() : r.reason();
            return Optional.of(new Check(target.describe(), ok, r.objects(), r.events(), r.firstSeq(), r.lastSeq(), r.checkpoints(), r.failedAt(),
                    reason, r.damaged(), tiles));
        }
    }

    private PublicKey logKey() {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(ct.description().key())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the CT log's key is not an EC public key: " + e.getMessage(), e);
        }
    }

    static S3Archive.Target target(S3Settings s) {
        return new S3Archive.Target(s.endpoint().orElse(null), s.region(), s.bucket(), s.prefix(), s.pathStyle(), s.accessKeyId().orElse(null),
                s.secretAccessKey().orElse(null), s.retentionYears());
    }
}
