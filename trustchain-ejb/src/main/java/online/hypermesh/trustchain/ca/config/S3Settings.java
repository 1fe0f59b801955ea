package online.hypermesh.trustchain.ca.config;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The S3 audit archive: the audit chain in segments to an S3 bucket (AWS, or an S3-compatible
 * store through an endpoint), each object with its SHA-256 and a COMPLIANCE object lock. Off by
 * default; when on, the bucket is required. Without an access key the AWS SDK's default
 * credentials apply (AWS_* environment, profile, instance or task role); with one, its secret
 * comes from exactly one of the secret setting or a file, and is never logged.
 */
public record S3Settings(boolean enabled, Optional<URI> endpoint, String region, String bucket, String prefix, boolean pathStyle,
                         Optional<String> accessKeyId, Optional<String> secretAccessKey, int retentionYears, int segmentMaxEvents,
                         Duration poll, Duration backoffMax, boolean ct) {

    public static final Setting<Boolean> ENABLED = Setting.flag("trustchain.s3.enabled", false,
            "archive the audit trail to an S3 bucket (segments with SHA-256 and a COMPLIANCE object lock)");
    public static final Setting<URI> ENDPOINT = Setting.of("trustchain.s3.endpoint", "URL", null, "none",
            "the S3 endpoint (an S3-compatible store, a VPC endpoint); none: AWS's endpoint for the region", S3Settings::endpoint);
    public static final Setting<String> REGION = Setting.text("trustchain.s3.region", "us-east-1", "the bucket's region (what requests are signed for)");
    public static final Setting<String> BUCKET = Setting.text("trustchain.s3.bucket", null,
            "with the S3 archive: the bucket (created with Object Lock for the lock to hold)");
    public static final Setting<String> PREFIX = Setting.text("trustchain.s3.prefix", null,
            "folder of the archive in the bucket (segments go under <prefix>/audit/); none: the bucket's top");
    public static final Setting<Boolean> PATH_STYLE = Setting.flag("trustchain.s3.path.style", false,
            "path-style requests (endpoint/bucket/key) instead of virtual-hosted ones, as most S3-compatible stores want");
    public static final Setting<String> ACCESS_KEY_ID = Setting.text("trustchain.s3.access.key.id", null,
            "the access key id; none: the AWS SDK's default credentials (AWS_* environment, profile, instance or task role)");
    public static final Setting<String> SECRET_ACCESS_KEY = Setting.of("trustchain.s3.secret.access.key", "secret text", null, "none",
            "its secret (or the next setting)", t -> t).secretValue();
    public static final Setting<Path> SECRET_ACCESS_KEY_FILE = Setting.of("trustchain.s3.secret.access.key.file", "path", null, "none",
            "a file holding that secret (one line)", t -> Path.of(t).toAbsolutePath());
    public static final Setting<Integer> RETENTION_YEARS = Setting.integer("trustchain.s3.retention.years", 7, 0, 100,
            "years each object is locked in COMPLIANCE mode from its write; 0: no lock requested");
    public static final Setting<Integer> SEGMENT_MAX_EVENTS = Setting.integer("trustchain.s3.segment.max.events", 10_000, 1, 100_000,
            "most audit events in one object (a segment otherwise ends at the next signed checkpoint, every minute)");
    public static final Setting<Integer> POLL_MS = Setting.integer("trustchain.s3.poll.ms", 1_000, 10, 60_000,
            "how often the archive looks for a segment to write (ms)");
    public static final Setting<Integer> BACKOFF_MAX_MS = Setting.integer("trustchain.s3.backoff.max.ms", 30_000, 1_000, 600_000,
            "longest wait between attempts while the store is unreachable or refuses (ms; from 500 ms, doubling)");

    public static final Setting<Boolean> CT_ENABLED = Setting.flag("trustchain.s3.ct.enabled", true,
            "with the S3 archive: also the CT log's tiles and checkpoints, under <prefix>/ct/ as static-ct-api lays them out");

    static S3Settings read(Settings s) {
        boolean enabled = s.get(ENABLED);
        String bucket = s.get(BUCKET);
        Optional<String> accessKey = s.find(ACCESS_KEY_ID).filter(k -> !k.isBlank());
        Optional<String> secret = s.find(SECRET_ACCESS_KEY);
        Optional<Path> secretFile = s.find(SECRET_ACCESS_KEY_FILE);
        String prefix = Optional.ofNullable(s.get(PREFIX)).orElse("").strip();
        if (enabled) {
            if (bucket == null || bucket.isBlank()) {
                s.reject(BUCKET, "is not set, and trustchain.s3.enabled is true");
            }
            if (prefix.startsWith("/")) {
                s.reject(PREFIX, "starts with '/'; object keys do not");
            }
            if (accessKey.isPresent() && secret.isPresent() == secretFile.isPresent()) {
                s.reject(SECRET_ACCESS_KEY, "and " + SECRET_ACCESS_KEY_FILE.name() + ": set exactly one of them with an access key id");
            }
            if (accessKey.isEmpty() && (secret.isPresent() || secretFile.isPresent())) {
                s.reject(ACCESS_KEY_ID, "is not set, but a secret access key is");
            }
            if (accessKey.isPresent() && secretFile.isPresent()) {
                try {
                    secret = Optional.of(Files.readString(secretFile.get(), StandardCharsets.UTF_8).strip());
                } catch (IOException e) {
                    s.reject(SECRET_ACCESS_KEY_FILE, "names " + secretFile.get() + ", which cannot be read");
                }
            }
        }
        return new S3Settings(enabled, s.find(ENDPOINT), s.get(REGION), bucket, prefix, s.get(PATH_STYLE), accessKey, secret,
                s.get(RETENTION_YEARS), s.get(SEGMENT_MAX_EVENTS), Duration.ofMillis(s.get(POLL_MS)), Duration.ofMillis(s.get(BACKOFF_MAX_MS)),
                s.get(CT_ENABLED));
    }

    private static URI endpoint(String text) {
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a URL: " + text);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("must be an http:// or https:// URL, was " + text);
        }
        return uri;
    }

    @Override
    public String toString() {
        return "S3Settings[enabled=" + enabled + ", endpoint=" + endpoint.map(URI::toString).orElse("(AWS)") + ", region=" + region
                + ", bucket=" + bucket + ", prefix=" + prefix + ", pathStyle=" + pathStyle + ", accessKeyId=" + accessKeyId.orElse("(default)")
                + ", secretAccessKey=" + (secretAccessKey.isPresent() ? "(set)" : "(none)") + ", retentionYears=" + retentionYears
                + ", segmentMaxEvents=" + segmentMaxEvents + ", poll=" + poll + ", backoffMax=" + backoffMax + ", ct=" + ct + "]";
    }
}
