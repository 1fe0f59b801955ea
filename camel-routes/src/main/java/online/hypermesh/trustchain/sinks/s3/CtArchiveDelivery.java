package online.hypermesh.trustchain.sinks.s3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

import online.hypermesh.trustchain.ct.statics.TileCoordinates;
import online.hypermesh.trustchain.ct.statics.TilePath;
import online.hypermesh.trustchain.sinks.delivery.Backoff;
import online.hypermesh.trustchain.sinks.delivery.RetrySchedule;
import online.hypermesh.trustchain.sinks.outbox.EventOutbox;

/**
 * Archives the CT log to the bucket under {@code <prefix>ct/}, as static-ct-api lays it out: every
 * hash and data tile of the latest tree ({@code tile/<L>/<N>[.p/<W>]}, {@code tile/data/<N>[.p/<W>]})
 * that was not yet complete in the tree archived before, then the checkpoint, as
 * {@code checkpoints/<size>} (kept) and {@code checkpoint} (the latest). Tiles first, so a
 * checkpoint in the bucket always has its tiles there. The archived tree size is the cursor of the
 * outbox row {@value #SINK} (moved only after the checkpoint is written, so a failure writes the
 * same tiles again: tiles never change, a partial tile is a new path per width).
 * Not thread-safe: one timer thread calls it.
 */
public final class CtArchiveDelivery {
    private static final Logger LOG = Logger.getLogger(CtArchiveDelivery.class.getName());
    public static final String SINK = "s3-ct";
    public static final String FOLDER = "ct/";

    /** Writes one object under its key; returns once the store took it. */
    @FunctionalInterface
    public interface Writer {
        void write(String key, byte[] bytes) throws IOException;
    }

    private final EventOutbox outbox;
    private final CtTileSource log;
    private final Writer writer;
    private final String prefix;
    private final String node;
    private final Clock clock;
    private final RetrySchedule schedule;
    private volatile long behind;

    public CtArchiveDelivery(EventOutbox outbox, CtTileSource log, Writer writer, String prefix, String node, Backoff backoff, Duration lease,
                             Clock clock) {
        this.outbox = outbox;
        this.log = log;
        this.writer = writer;
        this.prefix = prefix + FOLDER;
        this.node = node;
        this.clock = clock;
        this.schedule = new RetrySchedule(outbox, SINK, node, backoff, lease);
        outbox.register(SINK);
    }

    /** One step; never throws. */
    public void tick() {
        Instant now = clock.instant();
        if (!schedule.due(now)) {
            return;
        }
        try {
            if (!schedule.holdLease(now)) {
                return;
            }
            long archived = outbox.cursor(SINK);
            String note = log.checkpoint();
            long size = size(note);
            behind = Math.max(0, size - archived);
            if (size > archived) {
                for (int level = 0; level <= TileCoordinates.MAX_LEVEL; level++) {
                    writeTiles(level, archived, size);
                }
                byte[] text = note.getBytes(StandardCharsets.UTF_8);
                writer.write(prefix + "checkpoints/" + String.format("%020d", size), text);
                writer.write(prefix + "checkpoint", text);
                outbox.advance(SINK, size);
                behind = 0;
            }
            schedule.succeeded();
        } catch (IOException | RuntimeException e) {
            schedule.failed(now, e);
        }
    }

    /** The tiles of {@code level} in a tree of {@code size} that were not complete at {@code archived}. */
    private void writeTiles(int level, long archived, long size) throws IOException {
        long firstIndex = (archived >>> (8 * level)) / TileCoordinates.FULL_WIDTH;
        for (long index = firstIndex; ; index++) {
            int width = TileCoordinates.widthIn(level, index, size);
            if (width == 0) {
                return;
            }
            if (width == TileCoordinates.FULL_WIDTH && TileCoordinates.widthIn(level, index, archived) == TileCoordinates.FULL_WIDTH) {
                continue; // written with the tree before
            }
            TileCoordinates tile = new TileCoordinates(level, index, width);
            writer.write(prefix + TilePath.hashTile(tile), log.hashTile(tile)
                    .orElseThrow(() -> new IllegalStateException("the log does not serve " + TilePath.hashTile(tile))));
            if (level == 0) {
                writer.write(prefix + TilePath.dataTile(tile), log.dataTile(tile)
                        .orElseThrow(() -> new IllegalStateException("the log does not serve " + TilePath.dataTile(tile))));
            }
        }
    }

    /** The tree size a checkpoint names (its second line). */
    static long size(String note) {
        String[] lines = note.split("\n", 3);
        if (lines.length < 3) {
            throw new IllegalStateException("the CT log's checkpoint is no signed note");
        }
        return Long.parseLong(lines[1]);
    }

    /** Entries in the log not archived yet, as of the last step. */
    public long behind() {
        return behind;
    }

    public int failures() {
        return schedule.failures();
    }

    public void stop() {
        try {
            outbox.release(SINK, node);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "releasing the lease of event sink " + SINK + " failed", e);
        }
    }
}
