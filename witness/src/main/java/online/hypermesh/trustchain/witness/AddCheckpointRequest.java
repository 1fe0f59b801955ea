package online.hypermesh.trustchain.witness;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import online.hypermesh.trustchain.ct.merkle.MerkleHashes;

/**
 * The tlog-witness add-checkpoint body: {@code old <size>}, up to 63 base64 consistency proof
 * hashes, an empty line, then the signed checkpoint; every line ends in a newline.
 */
public record AddCheckpointRequest(long oldSize, List<byte[]> proof, SignedNote note, CheckpointBody checkpoint) {
    public static final int MAX_PROOF_LINES = 63;
    /** Far above any honest request (63 hashes and a checkpoint with a few dozen signatures). */
    public static final int MAX_BYTES = 64 * 1024;

    public AddCheckpointRequest {
        proof = proof.stream().map(byte[]::clone).toList();
    }

    @Override
    public List<byte[]> proof() {
        return proof.stream().map(byte[]::clone).toList();
    }

    public static AddCheckpointRequest parse(byte[] body) throws MalformedNoteException {
        if (body.length > MAX_BYTES) {
            throw new MalformedNoteException("request body larger than " + MAX_BYTES + " bytes");
        }
        String text = SignedNote.decodeUtf8(body);
        int end = text.indexOf('\n');
        if (end < 0 || !text.startsWith("old ")) {
            throw new MalformedNoteException("the body starts with an 'old <size>' line");
        }
        long oldSize = CheckpointBody.parseSize(text.substring(4, end), "old size");
        List<byte[]> proof = new ArrayList<>();
        int pos = end + 1;
        while (true) {
            int next = text.indexOf('\n', pos);
            if (next < 0) {
                throw new MalformedNoteException("the proof lines end with an empty line before the checkpoint");
            }
            String line = text.substring(pos, next);
            pos = next + 1;
            if (line.isEmpty()) {
                break;
            }
            if (proof.size() == MAX_PROOF_LINES) {
                throw new MalformedNoteException("more than " + MAX_PROOF_LINES + " consistency proof lines");
            }
            proof.add(hash(line));
        }
        SignedNote note = SignedNote.parse(text.substring(pos));
        return new AddCheckpointRequest(oldSize, proof, note, CheckpointBody.parse(note.text()));
    }

    private static byte[] hash(String line) throws MalformedNoteException {
        byte[] h;
        try {
            h = Base64.getDecoder().decode(line);
        } catch (IllegalArgumentException e) {
            throw new MalformedNoteException("a consistency proof line is not base64: " + CheckpointBody.abbreviate(line));
        }
        if (h.length != MerkleHashes.HASH_SIZE) {
            throw new MalformedNoteException("a consistency proof line is not a 32-byte hash");
        }
        return h;
    }

    /** The request as a log sends it. */
    public static byte[] encode(long oldSize, List<byte[]> proof, String signedCheckpoint) {
        StringBuilder b = new StringBuilder("old ").append(oldSize).append('\n');
        proof.forEach(p -> b.append(Base64.getEncoder().encodeToString(p)).append('\n'));
        return b.append('\n').append(signedCheckpoint).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "AddCheckpointRequest[old=" + oldSize + ", proof=" + proof.size() + " hashes, checkpoint="
                + checkpoint.origin() + " " + checkpoint.size() + "]";
    }
}
