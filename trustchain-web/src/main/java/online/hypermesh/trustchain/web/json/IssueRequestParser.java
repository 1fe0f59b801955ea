package online.hypermesh.trustchain.web.json;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Parses {@code {"csr": PEM, "profile"?, "validity_hours"?, "region"?}} strictly, and the renewal
 * form {@code {"csr": PEM, "validity_hours"?}} (profile and region are the predecessor's).
 */
public final class IssueRequestParser {
    private static final Set<String> FIELDS = Set.of("csr", "profile", "validity_hours", "region");
    private static final Set<String> RENEWAL_FIELDS = Set.of("csr", "validity_hours");

    /** The parsed fields; optional ones are null when absent. */
    public record IssueRequest(String csr, String profile, Integer validityHours, String region) {
    }

    private IssueRequestParser() {
    }

    public static IssueRequest parse(byte[] body) {
        return parse(body, FIELDS, "{\"csr\": \"-----BEGIN CERTIFICATE REQUEST-----...\", \"profile\": \"server\"}");
    }

    public static IssueRequest parseRenewal(byte[] body) {
        return parse(body, RENEWAL_FIELDS, "{\"csr\": \"-----BEGIN CERTIFICATE REQUEST-----...\", \"validity_hours\": 24}");
    }

    private static IssueRequest parse(byte[] body, Set<String> fields, String example) {
        StrictJsonObject json = StrictJsonObject.parse(body, fields, example);
        String csr = json.string("csr");
        if (csr == null || csr.isBlank()) {
            throw TrustChainException.malformed("field 'csr' is required: a PEM-encoded PKCS#10 certificate signing request");
        }
        return new IssueRequest(csr, json.string("profile"), json.integer("validity_hours"), json.string("region"));
    }

    public static byte[] csrBytes(IssueRequest request) {
        return request.csr().getBytes(StandardCharsets.US_ASCII);
    }
}
