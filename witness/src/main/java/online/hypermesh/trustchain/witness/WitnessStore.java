package online.hypermesh.trustchain.witness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The witness's durable state, one directory per log named by the lowercase hex SHA-256 of its
 * origin (as the tlog-witness monitoring path): {@code checkpoint}, the latest cosigned
 * checkpoint with its log signature and the cosignature, replaced atomically; and
 * {@code evidence/<sha256 of the refused note>.json}, written once each.
 */
public final class WitnessStore {
    private final Path logsDir;

    public WitnessStore(Path stateDir) throws IOException {
        AtomicFiles.createDirectory(stateDir);
        this.logsDir = stateDir.resolve("logs");
        AtomicFiles.createDirectory(logsDir);
    }

    public static String originHash(String origin) {
        return HexFormat.of().formatHex(sha256(origin.getBytes(StandardCharsets.UTF_8)));
    }

    /** The cosigned checkpoint held for this log, if any; a file that does not parse stops the witness. */
    public Optional<SignedNote> latest(String origin) throws IOException {
        Path file = logsDir.resolve(originHash(origin)).resolve("checkpoint");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            SignedNote note = SignedNote.parse(Files.readAllBytes(file));
            if (!CheckpointBody.parse(note.text()).origin().equals(origin)) {
                throw new IOException(file + " holds a checkpoint of another origin");
            }
            return Optional.of(note);
        } catch (MalformedNoteException e) {
            throw new IOException(file + " is not a signed checkpoint (" + e.getMessage()
                    + "); refusing to start rather than forget what this witness cosigned", e);
        }
    }

    /** Durable when it returns. */
    public void saveLatest(String origin, SignedNote cosigned) throws IOException {
        Path dir = logsDir.resolve(originHash(origin));
        AtomicFiles.createDirectory(dir);
        AtomicFiles.write(dir.resolve("checkpoint"), cosigned.encode().getBytes(StandardCharsets.UTF_8));
    }

    /** Keeps the evidence once per refused note (a log retrying the same fork adds nothing). */
    public void saveEvidence(String origin, Evidence evidence) throws IOException {
        Path dir = logsDir.resolve(originHash(origin)).resolve("evidence");
        AtomicFiles.createDirectory(dir.getParent());
        AtomicFiles.createDirectory(dir);
        Path file = dir.resolve(HexFormat.of().formatHex(sha256(evidence.refused().getBytes(StandardCharsets.UTF_8))) + ".json");
        if (!Files.exists(file)) {
            AtomicFiles.write(file, evidence.toJson().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The evidence records as JSON objects, oldest file first. */
    public List<String> evidence(String origin) throws IOException {
        Path dir = logsDir.resolve(originHash(origin)).resolve("evidence");
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
                ds.forEach(files::add);
            }
        }
        files.sort((a, b) -> {
            try {
                return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b));
            } catch (IOException e) {
                return a.compareTo(b);
            }
        });
        List<String> out = new ArrayList<>();
        for (Path f : files) {
            out.add(Files.readString(f));
        }
        return out;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
