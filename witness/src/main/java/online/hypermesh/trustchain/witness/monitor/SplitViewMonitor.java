package online.hypermesh.trustchain.witness.monitor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import online.hypermesh.trustchain.ct.merkle.InvalidProofException;
import online.hypermesh.trustchain.ct.merkle.ProofVerifier;
import online.hypermesh.trustchain.witness.CheckpointBody;
import online.hypermesh.trustchain.witness.LogKey;
import online.hypermesh.trustchain.witness.MalformedNoteException;
import online.hypermesh.trustchain.witness.NoteSignature;
import online.hypermesh.trustchain.witness.SignedNote;
import online.hypermesh.trustchain.witness.WitnessStore;

/**
 * Each {@link #poll()} reads the log's {@code /checkpoint} and every witness's latest cosigned
 * checkpoint (tlog-witness monitoring path) and the checkpoints each keeps as evidence of a
 * conflict, keeps those validly signed with the log's key, and
 * checks each new one against the largest seen so far: equal size needs the same root, different
 * sizes a consistency proof (RFC 6962 {@code get-sth-consistency}, verified per RFC 9162). A
 * checkpoint that fails is reported with the one it contradicts. Not thread-safe: one poller.
 */
public final class SplitViewMonitor {
    private static final Pattern PROOF = Pattern.compile("\"consistency\"\\s*:\\s*\\[([^\\]]*)\\]");

    private final LogKey log;
    private final URI logUrl;
    private final Map<String, URI> witnesses;
    private final HttpClient http;
    /** The largest consistent checkpoint seen, its note and where. */
    private CheckpointBody largest;
    private String largestNote;
    private String largestSource;
    private final List<SplitView> found = new ArrayList<>();
    private final java.util.Set<String> reported = new java.util.HashSet<>();

    /**
     * @param logUrl    the log's submission prefix (https://host:6962/)
     * @param witnesses name to the witness's monitoring prefix
     */
    public SplitViewMonitor(LogKey log, URI logUrl, Map<String, URI> witnesses, HttpClient http) {
        this.log = log;
        this.logUrl = withSlash(logUrl);
        this.witnesses = new LinkedHashMap<>();
        witnesses.forEach((name, url) -> this.witnesses.put(name, withSlash(url)));
        this.http = http;
    }

    /** Split views found so far (each once). */
    public List<SplitView> splitViews() {
        return List.copyOf(found);
    }

    /** The largest checkpoint size seen consistent so far, -1 before any. */
    public long size() {
        return largest == null ? -1 : largest.size();
    }

    /** One round; returns the split views it found (also kept). Unreachable sources are skipped. */
    public List<SplitView> poll() throws InterruptedException {
        List<SplitView> now = new ArrayList<>();
        Map<String, String> notes = new LinkedHashMap<>();
        fetch(logUrl.resolve("checkpoint")).ifPresent(n -> notes.put("log", n));
        String hash = WitnessStore.originHash(log.origin());
        witnesses.forEach((name, url) -> {
            try {
                fetch(url.resolve(hash + "/checkpoint")).ifPresent(n -> notes.put("witness " + name, n));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // What honest witnesses refused is the log's key's statement too: a fork they kept as
        // evidence shows even after a lying witness has moved on.
        witnesses.forEach((name, url) -> {
            try {
                fetch(url.resolve(hash + "/evidence")).ifPresent(json -> {
                    int i = 0;
                    for (String[] member : EvidenceNotes.of(json)) {
                        notes.putIfAbsent("witness " + name + " evidence #" + (i / 2 + 1) + " (" + member[0] + ")", member[1]);
                        i++;
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IllegalArgumentException e) {
                // an unreadable evidence document proves nothing; the checkpoints still count
            }
        });
        for (var e : notes.entrySet()) {
            check(e.getKey(), e.getValue()).ifPresent(v -> {
                now.add(v);
                found.add(v);
            });
        }
        return now;
    }

    private java.util.Optional<SplitView> check(String source, String note) throws InterruptedException {
        CheckpointBody cp;
        try {
            SignedNote n = SignedNote.parse(note);
            cp = CheckpointBody.parse(n.text());
            boolean signed = false;
            for (NoteSignature s : n.signatures()) {
                signed |= log.verify(cp, s);
            }
            if (!signed) {
                return java.util.Optional.empty(); // not the log's statement: proves nothing about the log
            }
        } catch (MalformedNoteException e) {
            return java.util.Optional.empty();
        }
        if (largest == null) {
            remember(cp, note, source);
            return java.util.Optional.empty();
        }
        if (cp.size() == largest.size()) {
            if (MessageDigest.isEqual(cp.rootHash(), largest.rootHash())) {
                return java.util.Optional.empty();
            }
            return report("two roots for tree size " + cp.size(), cp, source, note);
        }
        CheckpointBody small = cp.size() < largest.size() ? cp : largest;
        CheckpointBody big = cp.size() < largest.size() ? largest : cp;
        List<byte[]> proof;
        try {
            proof = consistency(small.size(), big.size());
        } catch (IOException e) {
            return java.util.Optional.empty(); // the log did not answer; checked again next round
        }
        try {
            if (small.size() > 0) {
                ProofVerifier.verifyConsistency(small.size(), big.size(), small.rootHash(), big.rootHash(), proof);
            }
        } catch (InvalidProofException e) {
            return report("no consistency between sizes " + small.size() + " and " + big.size() + ": " + e.getMessage(), cp, source, note);
        }
        if (cp.size() > largest.size()) {
            remember(cp, note, source);
        }
        return java.util.Optional.empty();
    }

    private java.util.Optional<SplitView> report(String reason, CheckpointBody cp, String source, String note) {
        // Each contradicting checkpoint once, however many rounds see it again.
        if (!reported.add(cp.size() + " " + Base64.getEncoder().encodeToString(cp.rootHash()))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new SplitView(reason, largestSource, largestNote, source, note));
    }

    private void remember(CheckpointBody cp, String note, String source) {
        largest = cp;
        largestNote = note;
        largestSource = source;
    }

    private List<byte[]> consistency(long first, long second) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(logUrl.resolve("ct/v1/get-sth-consistency?first=" + first
                + "&second=" + second)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Matcher m = PROOF.matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new IOException("get-sth-consistency answered " + r.statusCode());
        }
        List<byte[]> proof = new ArrayList<>();
        for (String item : m.group(1).split(",")) {
            String b64 = item.strip().replace("\"", "");
            if (!b64.isEmpty()) {
                proof.add(Base64.getDecoder().decode(b64));
            }
        }
        return proof;
    }

    private java.util.Optional<String> fetch(URI url) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return r.statusCode() == 200 ? java.util.Optional.of(r.body()) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static URI withSlash(URI u) {
        String s = u.toString();
        return s.endsWith("/") ? u : URI.create(s + "/");
    }
}
