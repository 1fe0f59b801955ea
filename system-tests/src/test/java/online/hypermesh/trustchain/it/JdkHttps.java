package online.hypermesh.trustchain.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS to a black-box TrustChain with the JDK's own client (TLS 1.3 over IPv6 literals), trusting
 * only the root certificate in the server's data directory, as a relying party configured with
 * {@code root.pem} would.
 */
final class JdkHttps {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final HttpClient client;

    record Response(int status, String contentType, String body) {
        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }

    JdkHttps(Path rootPem) {
        try (InputStream in = Files.newInputStream(rootPem)) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("trustchain-root", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLSv1.3");
            tls.init(null, tmf.getTrustManagers(), null);
            this.client = HttpClient.newBuilder().sslContext(tls).connectTimeout(TIMEOUT).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust " + rootPem, e);
        }
    }

    Response get(String url, String... headers) {
        return send(request(url, headers).GET().build());
    }

    Response post(String url, String contentType, String body, String... headers) {
        return send(request(url, headers).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** As {@link #post}, keeping the Retry-After header (for 503 answers). */
    KillUnderLoad.JdkHttpsRaw.Response postWithHeaders(String url, String contentType, String body, String... headers) {
        return sendRaw(request(url, headers).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    KillUnderLoad.JdkHttpsRaw.Response getWithHeaders(String url, String... headers) {
        return sendRaw(request(url, headers).GET().build());
    }

    private KillUnderLoad.JdkHttpsRaw.Response sendRaw(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new KillUnderLoad.JdkHttpsRaw.Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(),
                    r.headers().firstValue("Retry-After"));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static HttpRequest.Builder request(String url, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
