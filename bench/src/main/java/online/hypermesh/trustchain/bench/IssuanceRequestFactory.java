package online.hypermesh.trustchain.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Builds the issuance request for one CSR. Requests are built once, before measuring, and re-sent as they are:
 * {@link HttpRequest} is immutable and its byte-array body publisher can be replayed.
 */
final class IssuanceRequestFactory {
    static final String PATH = "/api/v1/ca/certificates";

    private final URI endpoint;
    private final String authorization;
    private final RequestForm form;
    private final String profile;
    private final int validityHours;
    private final Duration timeout;

    IssuanceRequestFactory(URI baseUrl, String token, RequestForm form, String profile, int validityHours,
            Duration timeout) {
        this.endpoint = endpoint(baseUrl, form, profile);
        this.authorization = "Bearer " + token;
        this.form = form;
        this.profile = profile;
        this.validityHours = validityHours;
        this.timeout = timeout;
    }

    static final String CFSSL_PATH = "/api/v1/cfssl/sign";

    static URI endpoint(URI baseUrl, RequestForm form, String profile) {
        if (form == RequestForm.CFSSL) {
            return URI.create(baseUrl.toString() + CFSSL_PATH);
        }
        String url = baseUrl.toString() + PATH;
        if (form == RequestForm.PKCS10) {
            url += "?profile=" + URLEncoder.encode(profile, StandardCharsets.UTF_8);
        }
        return URI.create(url);
    }

    URI endpoint() {
        return endpoint;
    }

    HttpRequest create(byte[] csrDer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint).timeout(timeout);
        if (form != RequestForm.CFSSL) {
            builder.header("Authorization", authorization);
        }
        return builder
                .header("Content-Type", form.contentType())
                .header("Accept", form.accept() + ", application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(csrDer)))
                .build();
    }

    byte[] body(byte[] csrDer) {
        if (form == RequestForm.PKCS10) {
            return csrDer;
        }
        if (form == RequestForm.CFSSL) {
            return ("{\"certificate_request\":" + Json.quote(Pem.encode("CERTIFICATE REQUEST", csrDer)) + "}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        return jsonBody(Pem.encode("CERTIFICATE REQUEST", csrDer), profile, validityHours)
                .getBytes(StandardCharsets.UTF_8);
    }

    static String jsonBody(String csrPem, String profile, int validityHours) {
        return "{\"csr\":" + Json.quote(csrPem) + ",\"profile\":" + Json.quote(profile)
                + ",\"validity_hours\":" + validityHours + "}";
    }
}
