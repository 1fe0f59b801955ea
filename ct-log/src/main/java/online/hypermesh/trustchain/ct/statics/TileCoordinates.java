package online.hypermesh.trustchain.ct.statics;

/**
 * A tile as static-ct-api addresses it: level {@code L} (0-5; level 0 holds leaf hashes, and
 * "data" tiles are addressed like level 0), index {@code N}, and width {@code W} (256 for a full
 * tile, 1-255 for a partial one). Hash {@code i} of tile (L, N) is the Merkle node at tree level
 * {@code 8L}, index {@code N*256 + i}.
 */
public record TileCoordinates(int level, long index, int width) {
    public static final int FULL_WIDTH = 256;
    public static final int MAX_LEVEL = 5;

    public TileCoordinates {
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("tile level must be 0-5, got " + level);
        }
        if (index < 0) {
            throw new IllegalArgumentException("tile index must be non-negative");
        }
        if (width < 1 || width > FULL_WIDTH) {
            throw new IllegalArgumentException("tile width must be 1-256, got " + width);
        }
    }

    public boolean isPartial() {
        return width < FULL_WIDTH;
    }

    /** Tree level of the hashes in this tile. */
    public int treeLevel() {
        return 8 * level;
    }

    /** Index, at {@link #treeLevel()}, of the tile's first hash. */
    public long firstNode() {
        return index * FULL_WIDTH;
    }

    /**
     * Whether a tree of {@code treeSize} leaves holds this tile: all {@code width} hashes are
     * complete subtrees of it. Partial tiles stay available after their full tile exists, so a
     * client holding an older checkpoint can still fetch the width that checkpoint implies.
     */
    public boolean existsIn(long treeSize) {
        long nodesAtLevel = treeSize >>> treeLevel();
        return firstNode() + width <= nodesAtLevel;
    }

    /** Width of the tile at (level, index) in a tree of {@code treeSize} leaves; 0 if it has no hash yet. */
    public static int widthIn(int level, long index, long treeSize) {
        long nodes = treeSize >>> (8 * level);
        long available = nodes - index * FULL_WIDTH;
        if (available <= 0) {
            return 0;
        }
        return (int) Math.min(available, FULL_WIDTH);
    }
}
