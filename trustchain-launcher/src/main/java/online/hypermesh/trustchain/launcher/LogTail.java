package online.hypermesh.trustchain.launcher;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Last lines of a log file, shown when something fails so the user sees why without digging. */
public final class LogTail {
    /** Enough for a WildFly stack trace, small enough to read in a terminal. */
    public static final int DEFAULT_LINES = 40;
    // Reading only the end keeps this cheap even for a large server.log.
    private static final long MAX_BYTES = 256 * 1024;

    private LogTail() {
    }

    public static List<String> lastLines(Path file, int count) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long start = Math.max(0, length - MAX_BYTES);
            byte[] bytes = new byte[(int) (length - start)];
            in.seek(start);
            in.readFully(bytes);
            List<String> lines = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n")));
            if (start > 0 && !lines.isEmpty()) {
                lines.remove(0); // probably cut in the middle
            }
            return lines.subList(Math.max(0, lines.size() - count), lines.size());
        } catch (IOException e) {
            return List.of("(could not read " + file + ": " + IoErrors.describe(e) + ")");
        }
    }

    /** Prints the tail under a header naming the file, or says that there is no such file. */
    public static void print(Path file, int count) {
        List<String> lines = lastLines(file, count);
        if (lines.isEmpty()) {
            Console.info("(no output in " + file + ")");
            return;
        }
        Console.info("Last " + lines.size() + " lines of " + file + ":");
        lines.forEach(line -> Console.plain("    " + line));
    }
}
