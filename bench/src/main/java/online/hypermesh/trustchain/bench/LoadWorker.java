package online.hypermesh.trustchain.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** One closed-loop client: sends the next request as soon as the previous answer is in. */
final class LoadWorker implements Runnable {
    private final HttpClient client;
    private final RequestCycle requests;
    private final RunControl control;
    private final ResponseClassifier classifier;
    private final FailureLog failureLog;

    LoadWorker(HttpClient client, RequestCycle requests, RunControl control, ResponseClassifier classifier,
            FailureLog failureLog) {
        this.client = client;
        this.requests = requests;
        this.control = control;
        this.classifier = classifier;
        this.failureLog = failureLog;
    }

    @Override
    public void run() {
        PhaseStats phase;
        while ((phase = control.admit()) != null) {
            long start = System.nanoTime();
            try {
                HttpResponse<byte[]> response = client.send(requests.next(), HttpResponse.BodyHandlers.ofByteArray());
                long micros = (System.nanoTime() - start) / 1_000;
                String failure = classifier.failureKey(response.statusCode(), response.body());
                if (failure == null) {
                    phase.success(micros);
                } else {
                    phase.failure(failure);
                    failureLog.report(failure, describe(response));
                }
            } catch (IOException e) {
                String failure = "io:" + e.getClass().getSimpleName();
                phase.failure(failure);
                failureLog.report(failure, describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String describe(IOException e) {
        Throwable cause = e.getCause();
        return cause == null || cause == e ? e.toString() : e + " (cause: " + cause + ")";
    }

    private static String describe(HttpResponse<byte[]> response) {
        String type = response.headers().firstValue("Content-Type").orElse("no content type");
        return "HTTP " + response.statusCode() + " (" + type + ") "
                + new String(response.body(), StandardCharsets.UTF_8);
    }
}
