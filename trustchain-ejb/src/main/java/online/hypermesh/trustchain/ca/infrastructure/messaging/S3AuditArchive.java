package online.hypermesh.trustchain.ca.infrastructure.messaging;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import software.amazon.awssdk.services.s3.S3Client;

import online.hypermesh.trustchain.ca.config.S3Settings;
import online.hypermesh.trustchain.ca.domain.AuditArchive;
import online.hypermesh.trustchain.sinks.s3.S3Archive;
import online.hypermesh.trustchain.sinks.s3.S3ArchiveVerifier;

/** {@link AuditArchive} on the S3 sink's bucket ({@code trustchain.s3.*}), with a client of its own per check. */
@ApplicationScoped
public class S3AuditArchive implements AuditArchive {

    @Inject
    S3Settings settings;

    @Override
    public Optional<Check> verify() {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        S3Archive.Target target = target(settings);
        try (S3Client client = S3Archive.client(target, Clock.systemUTC(), List.of())) {
            S3ArchiveVerifier.Result r = S3ArchiveVerifier.verify(client, target);
            return Optional.of(new Check(target.describe(), r.ok(), r.objects(), r.events(), r.firstSeq(), r.lastSeq(), r.checkpoints(),
                    r.failedAt(), r.reason(), r.damaged()));
        }
    }

    static S3Archive.Target target(S3Settings s) {
        return new S3Archive.Target(s.endpoint().orElse(null), s.region(), s.bucket(), s.prefix(), s.pathStyle(), s.accessKeyId().orElse(null),
                s.secretAccessKey().orElse(null), s.retentionYears());
    }
}
