package online.hypermesh.trustchain.ct.statics;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The static-ct-api tile paths: {@code tile/<L>/<N>[.p/<W>]} and {@code tile/data/<N>[.p/<W>]},
 * where N is written as three-digit elements, all but the last prefixed with {@code x}
 * (1234067 is {@code x001/x234/067}), and L and W have no leading zeros.
 */
public final class TilePath {
    private static final Pattern INDEX = Pattern.compile("((?:x\\d{3}/)*)(\\d{3})(?:\\.p/([1-9]\\d{0,2}))?");

    private TilePath() {
    }

    /** The path of a hash tile, without the monitoring prefix. */
    public static String hashTile(TileCoordinates tile) {
        return "tile/" + tile.level() + "/" + suffix(tile);
    }

    /** The path of a data tile (coordinates of level 0). */
    public static String dataTile(TileCoordinates tile) {
        return "tile/data/" + suffix(tile);
    }

    /** The encoded index, e.g. {@code x001/x234/067}. */
    public static String encodeIndex(long index) {
        StringBuilder path = new StringBuilder(String.format("%03d", index % 1000));
        for (long rest = index / 1000; rest > 0; rest /= 1000) {
            path.insert(0, String.format("x%03d/", rest % 1000));
        }
        return path.toString();
    }

    /**
     * Parses the {@code <N>[.p/<W>]} part of a tile path at {@code level}.
     *
     * @throws IllegalArgumentException with a message for a malformed path
     */
    public static TileCoordinates parse(int level, String indexAndWidth) {
        Matcher m = INDEX.matcher(indexAndWidth);
        if (!m.matches()) {
            throw new IllegalArgumentException("tile index must be 3-digit path elements, all but the last prefixed with x"
                    + " (e.g. x001/x234/067), optionally followed by .p/<width 1-255>");
        }
        long index = 0;
        String prefix = m.group(1);
        if (!prefix.isEmpty()) {
            String[] parts = prefix.split("/");
            if (parts.length > 5) {
                throw new IllegalArgumentException("tile index too large");
            }
            for (String part : parts) {
                index = index * 1000 + Integer.parseInt(part.substring(1));
            }
            if (Integer.parseInt(parts[0].substring(1)) == 0) {
                throw new IllegalArgumentException("tile index has a leading x000 element");
            }
        }
        index = index * 1000 + Integer.parseInt(m.group(2));
        int width = TileCoordinates.FULL_WIDTH;
        if (m.group(3) != null) {
            width = Integer.parseInt(m.group(3));
            if (width > 255) {
                throw new IllegalArgumentException("partial tile width must be 1-255");
            }
        }
        return new TileCoordinates(level, index, width);
    }

    private static String suffix(TileCoordinates tile) {
        return encodeIndex(tile.index()) + (tile.isPartial() ? ".p/" + tile.width() : "");
    }
}
