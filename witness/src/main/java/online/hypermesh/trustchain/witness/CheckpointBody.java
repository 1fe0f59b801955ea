package online.hypermesh.trustchain.witness;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import online.hypermesh.trustchain.ct.merkle.MerkleHashes;

/**
 * A C2SP tlog-checkpoint note text: origin line, tree size (decimal, no leading zeros), base64
 * SHA-256 root hash, then optional non-empty extension lines, each ending in a newline.
 */
public record CheckpointBody(String text, String origin, long size, byte[] rootHash, List<String> extensions) {

    public CheckpointBody {
        rootHash = rootHash.clone();
        extensions = List.copyOf(extensions);
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    public boolean sameTree(CheckpointBody other) {
        return origin.equals(other.origin) && size == other.size && Arrays.equals(rootHash, other.rootHash);
    }

    public static CheckpointBody parse(String text) throws MalformedNoteException {
        if (!text.endsWith("\n")) {
            throw new MalformedNoteException("a checkpoint ends in a newline");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw new MalformedNoteException("a checkpoint has an origin, a size and a root hash line");
        }
        String origin = lines[0];
        if (origin.isEmpty()) {
            throw new MalformedNoteException("the checkpoint origin is empty");
        }
        long size = parseSize(lines[1], "checkpoint size");
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new MalformedNoteException("the checkpoint root hash is not base64");
        }
        if (root.length != MerkleHashes.HASH_SIZE || !Base64.getEncoder().encodeToString(root).equals(lines[2])) {
            throw new MalformedNoteException("the checkpoint root hash is not a canonical base64 SHA-256 hash");
        }
        List<String> extensions = Arrays.asList(lines).subList(3, lines.length);
        for (String e : extensions) {
            if (e.isEmpty()) {
                throw new MalformedNoteException("a checkpoint extension line is empty");
            }
        }
        return new CheckpointBody(text, origin, size, root, extensions);
    }

    /** An unsigned 64-bit decimal without leading zeros ("0" for zero); sizes of 2^63 and more are refused. */
    static long parseSize(String s, String what) throws MalformedNoteException {
        if (s.isEmpty() || s.length() > 19 || !s.chars().allMatch(c -> c >= '0' && c <= '9')
                || (s.length() > 1 && s.charAt(0) == '0')) {
            throw new MalformedNoteException(what + " is not a decimal without leading zeros: " + abbreviate(s));
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new MalformedNoteException(what + " is out of range: " + s);
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
