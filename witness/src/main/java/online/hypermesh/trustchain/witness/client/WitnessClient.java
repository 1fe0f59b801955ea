package online.hypermesh.trustchain.witness.client;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import online.hypermesh.trustchain.witness.AddCheckpointRequest;
import online.hypermesh.trustchain.witness.Cosigner;
import online.hypermesh.trustchain.witness.MalformedNoteException;
import online.hypermesh.trustchain.witness.NoteSignature;
import online.hypermesh.trustchain.witness.SignedNote;
import online.hypermesh.trustchain.witness.WitnessStore;

/**
 * The tlog-witness client: one HTTP/1.1 keep-alive client for all witnesses. A 200 counts only
 * if one of its lines is a cosignature by the configured key over exactly the submitted
 * checkpoint text (the spec: ignore cosignatures from unknown keys).
 */
public final class WitnessClient {
    private final HttpClient http;
    private final Duration timeout;

    public WitnessClient(Duration timeout) {
        this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build(), timeout);
    }

    public WitnessClient(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    public WitnessAnswer addCheckpoint(WitnessEndpoint witness, long oldSize, List<byte[]> proof, String signedCheckpoint) {
        String text;
        try {
            text = SignedNote.parse(signedCheckpoint).text();
        } catch (MalformedNoteException e) {
            throw new IllegalArgumentException("not a signed checkpoint: " + e.getMessage(), e);
        }
        HttpRequest request = HttpRequest.newBuilder(witness.addCheckpoint()).timeout(timeout)
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(AddCheckpointRequest.encode(oldSize, proof, signedCheckpoint)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new WitnessAnswer.Unreachable(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new WitnessAnswer.Unreachable("interrupted");
        }
        String body = response.body();
        return switch (response.statusCode()) {
            case 200 -> cosignature(witness, text, body);
            case 409 -> conflict(body);
            default -> new WitnessAnswer.Refused(response.statusCode(), body.strip());
        };
    }

    /** The witness's latest cosigned checkpoint (monitoring prefix), if it serves one for this origin. */
    public Optional<String> heldCheckpoint(WitnessEndpoint witness, String origin) {
        HttpRequest request = HttpRequest.newBuilder(witness.monitoring(WitnessStore.originHash(origin))).timeout(timeout).GET().build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static WitnessAnswer cosignature(WitnessEndpoint witness, String text, String body) {
        for (String line : body.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            NoteSignature sig;
            try {
                sig = NoteSignature.parse(line);
            } catch (MalformedNoteException e) {
                return new WitnessAnswer.Refused(200, "the answer is not signature lines: " + e.getMessage());
            }
            long timestamp = Cosigner.verify(witness.name(), witness.publicKey(), text, sig);
            if (timestamp > 0) {
                return new WitnessAnswer.Cosigned(sig, timestamp);
            }
        }
        return new WitnessAnswer.Refused(200, "no cosignature by the configured key over this checkpoint");
    }

    private static WitnessAnswer conflict(String body) {
        String size = body.strip();
        try {
            long held = Long.parseLong(size);
            if (held >= 0 && body.equals(held + "\n")) {
                return new WitnessAnswer.Conflict(held);
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        return new WitnessAnswer.Refused(409, "409 without a tree size: " + size);
    }
}
