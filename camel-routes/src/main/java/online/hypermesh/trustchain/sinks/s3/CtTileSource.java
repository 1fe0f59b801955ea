package online.hypermesh.trustchain.sinks.s3;

import java.util.Optional;

import online.hypermesh.trustchain.ct.statics.TileCoordinates;

/** The CT log as static-ct-api serves it: the latest checkpoint (a signed note) and the tiles of the tree it names. */
public interface CtTileSource {

    /** The signed note of the latest tree head: {@code <origin>\n<size>\n<base64 root>\n\n— <origin> <signature>\n}. */
    String checkpoint();

    /** A hash tile, if the latest tree holds it. */
    Optional<byte[]> hashTile(TileCoordinates tile);

    /** A data tile (level 0 coordinates), if the latest tree holds it. */
    Optional<byte[]> dataTile(TileCoordinates tile);
}
