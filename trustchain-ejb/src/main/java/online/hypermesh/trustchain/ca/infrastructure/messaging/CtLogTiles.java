package online.hypermesh.trustchain.ca.infrastructure.messaging;

import java.util.Optional;

import online.hypermesh.trustchain.ca.api.CtLogService;
import online.hypermesh.trustchain.ct.statics.TileCoordinates;
import online.hypermesh.trustchain.ct.statics.TilePath;
import online.hypermesh.trustchain.sinks.s3.CtTileSource;

/** The CT log as the S3 archive reads it: what the log serves at {@code /checkpoint} (with its cosignatures) and its tiles. */
final class CtLogTiles implements CtTileSource {
    private final CtLogService log;

    CtLogTiles(CtLogService log) {
        this.log = log;
    }

    @Override
    public String checkpoint() {
        return log.checkpoint();
    }

    @Override
    public Optional<byte[]> hashTile(TileCoordinates tile) {
        return log.hashTile(Integer.toString(tile.level()), TilePath.hashTile(tile).substring(("tile/" + tile.level() + "/").length()));
    }

    @Override
    public Optional<byte[]> dataTile(TileCoordinates tile) {
        return log.dataTile(TilePath.dataTile(tile).substring("tile/data/".length()));
    }
}
