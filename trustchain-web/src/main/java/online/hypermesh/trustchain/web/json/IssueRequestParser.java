package online.hypermesh.trustchain.web.json;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import online.hypermesh.trustchain.core.error.TrustChainException;

/** Parses {@code {"csr": PEM, "profile"?, "validity_hours"?, "region"?}} strictly. */
public final class IssueRequestParser {
    private static final Set<String> FIELDS = Set.of("csr", "profile", "validity_hours", "region");

    /** The parsed fields; optional ones are null when absent. */
    public record IssueRequest(String csr, String profile, Integer validityHours, String region) {
    }

    private IssueRequestParser() {
    }

    public static IssueRequest parse(byte[] body) {
        StrictJsonObject json = StrictJsonObject.parse(body, FIELDS,
                "{\"csr\": \"-----BEGIN CERTIFICATE REQUEST-----...\", \"profile\": \"server\"}");
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
