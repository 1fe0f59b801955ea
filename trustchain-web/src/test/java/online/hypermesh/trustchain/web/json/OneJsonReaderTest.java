package online.hypermesh.trustchain.web.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Request bodies become JSON in one place, {@link StrictJsonObject}: a resource that built its
 * own reader would miss the strict checks (trailing content, repeated names). This fails the
 * build when any other class of the web module reads JSON.
 */
class OneJsonReaderTest {
    private static final Pattern READS_JSON = Pattern.compile(
            "createReader\\s*\\(|createParser\\s*\\(|createParserFactory\\s*\\(|createReaderFactory\\s*\\(|\\.fromJson\\s*\\(|import jakarta\\.json\\.JsonReader;");

    @Test
    void onlyStrictJsonObjectReadsJson() throws IOException {
        Path sources = Path.of("src/main/java");
        assertTrue(Files.isDirectory(sources), "run from the trustchain-web module directory (Maven does)");
        List<String> readers;
        try (Stream<Path> files = Files.walk(sources)) {
            readers = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> READS_JSON.matcher(read(f)).find())
                    .map(f -> f.getFileName().toString())
                    .toList();
        }
        assertEquals(List.of("StrictJsonObject.java"), readers);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
