package online.hypermesh.trustchain.sinks.s3;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import online.hypermesh.trustchain.ct.merkle.MerkleTreeHash;
import online.hypermesh.trustchain.ct.statics.TileCoordinates;
import online.hypermesh.trustchain.ct.statics.TilePath;
import online.hypermesh.trustchain.witness.CheckpointBody;
import online.hypermesh.trustchain.witness.LogKey;
import online.hypermesh.trustchain.witness.MalformedNoteException;
import online.hypermesh.trustchain.witness.NoteSignature;
import online.hypermesh.trustchain.witness.SignedNote;

/**
 * The read-back check of the CT archive: the latest checkpoint in the bucket, its signature by
 * the log's key (as the witness checks it), every level-0 hash tile of its tree, each object
 * against its stored SHA-256, and the Merkle root recomputed from the leaf hashes (RFC 9162
 * 2.1.1) against the checkpoint's. When the root differs, each full level-0 tile is hashed and
 * compared with its node in the level-1 tile, to name the first tile (leaf range) that changed.
 * Data tiles are checked against their checksum only.
 */
public final class CtArchiveVerifier {

    /** @param failedAtLeaf first leaf of the first tile that fails (-1: none, or not at a leaf) */
    public record Result(boolean ok, long treeSize, int tiles, long failedAtLeaf, String reason, List<String> damaged) {
    }

    private CtArchiveVerifier() {
    }

    public static Result verify(S3Client client, S3Archive.Target target, PublicKey logKey) {
        String folder = target.prefix() + CtArchiveDelivery.FOLDER;
        List<String> damaged = new ArrayList<>();
        byte[] root;
        long size;
        try {
            String note = new String(read(client, target, folder + "checkpoint", damaged), StandardCharsets.UTF_8);
            SignedNote signed = SignedNote.parse(note);
            CheckpointBody body = CheckpointBody.parse(signed.text());
            LogKey key = new LogKey(body.origin(), logKey);
            boolean signedByLog = false;
            for (NoteSignature s : signed.signatures()) {
                signedByLog |= key.verify(body, s);
            }
            if (!signedByLog) {
                return new Result(false, body.size(), 0, -1, "the checkpoint in the bucket is not signed by the log's key", damaged);
            }
            size = body.size();
            root = body.rootHash();
        } catch (NoSuchKeyException e) {
            return new Result(false, 0, 0, -1, "no CT checkpoint under " + target.describe() + CtArchiveDelivery.FOLDER, damaged);
        } catch (MalformedNoteException | RuntimeException e) {
            return new Result(false, 0, 0, -1, "the CT checkpoint in the bucket cannot be read: " + e.getMessage(), damaged);
        }
        List<byte[]> leaves = new ArrayList<>();
        List<byte[]> tileRoots = new ArrayList<>();
        int tiles = 0;
        try {
            for (long index = 0; ; index++) {
                int width = TileCoordinates.widthIn(0, index, size);
                if (width == 0) {
                    break;
                }
                byte[] tile = read(client, target, folder + TilePath.hashTile(new TileCoordinates(0, index, width)), damaged);
                tiles++;
                if (tile.length != 32 * width) {
                    return new Result(false, size, tiles, index * TileCoordinates.FULL_WIDTH, "hash tile 0/" + index + " holds "
                            + tile.length + " bytes, not " + 32 * width, damaged);
                }
                List<byte[]> hashes = new ArrayList<>(width);
                for (int i = 0; i < width; i++) {
                    hashes.add(Arrays.copyOfRange(tile, 32 * i, 32 * i + 32));
                }
                leaves.addAll(hashes);
                tileRoots.add(width == TileCoordinates.FULL_WIDTH ? MerkleTreeHash.of(hashes) : null);
                // the data tile alongside: its checksum only
                read(client, target, folder + TilePath.dataTile(new TileCoordinates(0, index, width)), damaged);
            }
        } catch (SdkException e) {
            return new Result(false, size, tiles, (long) tiles * TileCoordinates.FULL_WIDTH, "cannot read a tile of the tree of size " + size
                    + ": " + e.getMessage(), damaged);
        }
        if (Arrays.equals(MerkleTreeHash.of(leaves), root)) {
            return damaged.isEmpty() ? new Result(true, size, tiles, -1, "verified", List.of())
                    : new Result(false, size, tiles, -1, "objects not matching their stored checksum: " + damaged, damaged);
        }
        long at = -1;
        try {
            for (int i = 0; i < tileRoots.size() && at < 0 && tileRoots.get(i) != null; i++) {
                int width = TileCoordinates.widthIn(1, i / TileCoordinates.FULL_WIDTH, size);
                byte[] level1 = read(client, target, folder + TilePath.hashTile(new TileCoordinates(1, i / TileCoordinates.FULL_WIDTH, width)),
                        new ArrayList<>());
                int offset = 32 * (i % TileCoordinates.FULL_WIDTH);
                if (level1.length < offset + 32 || !Arrays.equals(Arrays.copyOfRange(level1, offset, offset + 32), tileRoots.get(i))) {
                    at = (long) i * TileCoordinates.FULL_WIDTH;
                }
            }
        } catch (SdkException e) {
            // no level-1 tile to narrow it down with
        }
        if (at < 0) {
            at = (long) (tileRoots.size() - 1) * TileCoordinates.FULL_WIDTH; // the last, partial tile
        }
        return new Result(false, size, tiles, at, "the leaf hashes in the bucket do not hash to the root of the checkpoint of size " + size
                + "; the first tile that differs starts at leaf " + at + (damaged.isEmpty() ? "" : "; objects not matching their checksum: " + damaged),
                damaged);
    }

    private static byte[] read(S3Client client, S3Archive.Target target, String key, List<String> damaged) {
        HeadObjectResponse head = client.headObject(b -> b.bucket(target.bucket()).key(key).checksumMode(ChecksumMode.ENABLED));
        String stored = head.checksumSHA256() != null ? head.checksumSHA256() : head.metadata().get(S3Archive.CHECKSUM_METADATA);
        byte[] bytes = client.getObjectAsBytes(b -> b.bucket(target.bucket()).key(key)).asByteArray();
        if (stored == null || !stored.equals(AuditSegment.sha256(bytes))) {
            damaged.add(key);
        }
        return bytes;
    }
}
