package online.hypermesh.trustchain.it;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.http.NameValuePair;
import org.certificatetransparency.ctlog.comm.HttpInvoker;
import org.certificatetransparency.ctlog.comm.LogCommunicationException;

/**
 * The transport under Google's {@code HttpLogClient} (ctlog 0.1.0), replaced; the client's JSON
 * encoding and parsing above it stay Google's.
 *
 * <p>Why: Google's {@code HttpInvoker} builds a new Apache HttpClient for every request with
 * {@code HttpClientBuilder.create().build()}, so it trusts only the JVM's default trust store and
 * offers no way to pass an {@code SSLContext}. The log's TLS certificate comes from TrustChain's
 * own root, as API.md promises, so that client cannot connect. Setting {@code javax.net.ssl.trustStore}
 * for the whole test JVM would be the only other way, and it takes effect only if no test has
 * touched the default {@code SSLContext} yet. {@code HttpLogClient(String, HttpInvoker)} is public
 * for exactly this substitution, so the requests go through the JDK client of {@link JdkHttps}
 * (TLS 1.3, trusting only {@code root.pem}).
 *
 * <p>Also: Google's invoker hands every non-2xx answer to Apache's {@code BasicResponseHandler},
 * which throws away the body; this one keeps the status and the problem+json body in the
 * exception message, so a failing test shows the server's detail.
 */
final class JdkHttpInvoker extends HttpInvoker {
    private final JdkHttps https;

    JdkHttpInvoker(JdkHttps https) {
        this.https = https;
    }

    @Override
    public String makePostRequest(String url, String jsonPayload) {
        return bodyOf("POST " + url, https.post(url, "application/json; charset=utf-8", jsonPayload));
    }

    @Override
    public String makeGetRequest(String url) {
        return makeGetRequest(url, null);
    }

    @Override
    public String makeGetRequest(String url, List<NameValuePair> params) {
        String query = params == null || params.isEmpty() ? ""
                : params.stream()
                        .map(p -> URLEncoder.encode(p.getName(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&", "?", ""));
        return bodyOf("GET " + url + query, https.get(url + query));
    }

    private static String bodyOf(String what, JdkHttps.Response response) {
        if (response.status() / 100 != 2) {
            throw new LogCommunicationException(what + " answered " + response);
        }
        return response.body();
    }
}
