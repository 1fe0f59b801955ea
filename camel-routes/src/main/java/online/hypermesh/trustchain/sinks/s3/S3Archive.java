package online.hypermesh.trustchain.sinks.s3;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Where the audit archive goes: an S3 bucket (AWS, or any S3-compatible store through an
 * endpoint override), and the S3 client that writes and reads it.
 *
 * <p>Every PUT the client sends carries the object's SHA-256 ({@code x-amz-checksum-sha256}, so
 * the store refuses a body that arrived damaged, and keeps the checksum for the read-back check)
 * and, unless the retention is 0, {@code x-amz-object-lock-mode: COMPLIANCE} with
 * {@code x-amz-object-lock-retain-until-date} that many years ahead: on a bucket created with
 * Object Lock, nobody, the account's root included, can delete or overwrite that version before
 * then. Camel's aws2-s3 producer sets neither, so {@link WriteInterceptor} adds them to its
 * request; the checksum travels to it as the object's user metadata {@value #CHECKSUM_METADATA}
 * (kept with the object too, for stores that do not keep flexible checksums).
 */
public final class S3Archive {
    /** Folder of the audit segments under the prefix. */
    public static final String AUDIT_FOLDER = "audit/";
    public static final String SEGMENT_SUFFIX = ".bundle";
    /** User metadata (x-amz-meta-sha256) with the base64 SHA-256 of the object. */
    public static final String CHECKSUM_METADATA = "sha256";

    /**
     * @param endpoint        null: AWS's own endpoint for the region
     * @param prefix          "" or a folder path ending in "/"
     * @param accessKeyId     null: the AWS SDK's default credentials (environment, profile, instance role)
     * @param retentionYears  0: no object lock requested
     */
    public record Target(URI endpoint, String region, String bucket, String prefix, boolean pathStyle, String accessKeyId,
                         String secretAccessKey, int retentionYears) {

        public Target {
            if (bucket == null || bucket.isBlank()) {
                throw new IllegalArgumentException("an S3 archive needs a bucket");
            }
            prefix = prefix == null || prefix.isEmpty() ? "" : prefix.endsWith("/") ? prefix : prefix + "/";
            if (prefix.startsWith("/")) {
                throw new IllegalArgumentException("an object key prefix does not start with '/': " + prefix);
            }
        }

        /** Where a human reads it, e.g. {@code s3://bucket/prefix/ at http://127.0.0.1:9000}. */
        public String describe() {
            return "s3://" + bucket + "/" + prefix + (endpoint == null ? " in " + region : " at " + endpoint);
        }

        @Override
        public String toString() {
            return "Target[" + describe() + ", pathStyle=" + pathStyle + ", accessKeyId=" + accessKeyId + ", secretAccessKey="
                    + (secretAccessKey == null ? "(none)" : "(set)") + ", retentionYears=" + retentionYears + "]";
        }
    }

    private S3Archive() {
    }

    /** The client of the archive: SHA-256 and object lock on every PUT; {@code extra} interceptors run after that (tests). */
    public static S3Client client(Target target, Clock clock, List<ExecutionInterceptor> extra) {
        AwsCredentialsProvider credentials = target.accessKeyId() == null ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(target.accessKeyId(), target.secretAccessKey()));
        List<ExecutionInterceptor> interceptors = new ArrayList<>();
        interceptors.add(new WriteInterceptor(target.retentionYears(), clock));
        interceptors.addAll(extra);
        var builder = S3Client.builder()
                .region(Region.of(target.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(target.pathStyle())
                // Named explicitly: the SDK's search for an HTTP client on the class path does not see the EAR's libraries from WildFly's threads.
                .httpClient(ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(30)).build())
                // Only the checksum this archive sets: S3-compatible stores refuse the SDK's default CRC32 trailers.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(ClientOverrideConfiguration.builder().executionInterceptors(interceptors)
                        .apiCallTimeout(Duration.ofSeconds(60)).build());
        Optional.ofNullable(target.endpoint()).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** Adds the checksum and the object lock to every PutObject. */
    static final class WriteInterceptor implements ExecutionInterceptor {
        private final int retentionYears;
        private final Clock clock;

        WriteInterceptor(int retentionYears, Clock clock) {
            this.retentionYears = retentionYears;
            this.clock = clock;
        }

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            if (!(context.request() instanceof PutObjectRequest put)) {
                return context.request();
            }
            PutObjectRequest.Builder b = put.toBuilder();
            String sha256 = put.metadata().get(CHECKSUM_METADATA);
            if (sha256 != null) {
                b.checksumSHA256(sha256);
            }
            if (retentionYears > 0) {
                b.objectLockMode(ObjectLockMode.COMPLIANCE)
                        .objectLockRetainUntilDate(clock.instant().atZone(ZoneOffset.UTC).plusYears(retentionYears).toInstant());
            }
            return b.build();
        }
    }
}
