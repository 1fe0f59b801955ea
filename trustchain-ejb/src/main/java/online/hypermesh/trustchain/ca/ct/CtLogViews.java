package online.hypermesh.trustchain.ca.ct;

import online.hypermesh.trustchain.ca.api.CtLogService;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.ct.log.AddedEntry;
import online.hypermesh.trustchain.ct.log.LogReadStore;
import online.hypermesh.trustchain.ct.log.LogReader;
import online.hypermesh.trustchain.ct.log.SignedTreeHead;
import online.hypermesh.trustchain.ct.statics.TileCoordinates;
import online.hypermesh.trustchain.ct.statics.TilePath;

/**
 * Where {@link CtLogService} meets the ct-log library: the library's answers as the api's types
 * (the same encodings, so the wire stays byte for byte what the library produces), and tile paths
 * as the URL spells them turned into the library's coordinates.
 */
final class CtLogViews {

    private CtLogViews() {
    }

    static CtLogService.SubmittedSct sct(AddedEntry added) {
        var sct = added.sct();
        return new CtLogService.SubmittedSct(sct.logId(), sct.timestamp(), sct.extensions(), sct.signature().encode(), added.leafIndex());
    }

    static CtLogService.TreeHead treeHead(SignedTreeHead head) {
        return new CtLogService.TreeHead(head.treeSize(), head.timestamp(), head.rootHash(), head.signature().encode());
    }

    static CtLogService.InclusionProof inclusionProof(LogReader.InclusionProof proof) {
        return new CtLogService.InclusionProof(proof.leafIndex(), proof.auditPath());
    }

    static CtLogService.Entry entry(LogReadStore.StoredEntry entry) {
        return new CtLogService.Entry(entry.leafInput(), entry.extraData());
    }

    static CtLogService.EntryAndProof entryAndProof(LogReader.EntryAndProof entryAndProof) {
        return new CtLogService.EntryAndProof(entry(entryAndProof.entry()), entryAndProof.auditPath());
    }

    /** The coordinates of {@code tile/<level>/<index>}; MALFORMED_REQUEST with what is wrong otherwise. */
    static TileCoordinates hashTile(String level, String index) {
        int l;
        try {
            l = Integer.parseInt(level);
        } catch (NumberFormatException e) {
            throw TrustChainException.malformed("tile level must be 0-5");
        }
        if (l < 0 || l > TileCoordinates.MAX_LEVEL || !level.equals(Integer.toString(l))) {
            throw TrustChainException.malformed("tile level must be 0-5 without leading zeros, was " + level);
        }
        return tile(l, index);
    }

    /** The coordinates of {@code tile/data/<index>} (addressed like level 0). */
    static TileCoordinates dataTile(String index) {
        return tile(0, index);
    }

    private static TileCoordinates tile(int level, String index) {
        try {
            return TilePath.parse(level, index);
        } catch (IllegalArgumentException e) {
            throw TrustChainException.malformed(e.getMessage());
        }
    }
}
