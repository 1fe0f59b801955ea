package online.hypermesh.trustchain.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;

/**
 * Settings of one issuance benchmark run.
 *
 * @param baseUrl        server base URL, without trailing slash
 * @param rootCa         PEM file with the root(s) the server's TLS chain must lead to
 * @param token          bearer token given literally, or {@code null} to read {@code tokenFile}
 * @param tokenFile      file holding the bearer token, used when {@code token} is null
 * @param requests       fixed number of measured requests, or 0 to measure for {@code durationSeconds}
 * @param rate           requests started per second at most, across all workers (0: as fast as answers come)
 */
record BenchConfig(
        URI baseUrl,
        Path rootCa,
        String token,
        Path tokenFile,
        int concurrency,
        int durationSeconds,
        int warmupSeconds,
        long requests,
        int csrs,
        KeyType keyType,
        RequestForm form,
        String profile,
        int validityHours,
        HttpClient.Version httpVersion,
        int timeoutSeconds,
        int progressSeconds,
        double rate) {

    boolean fixedCount() {
        return requests > 0;
    }

    /** "1.1" or "2", as given on the command line. */
    String httpVersionName() {
        return httpVersion == HttpClient.Version.HTTP_2 ? "2" : "1.1";
    }
}
