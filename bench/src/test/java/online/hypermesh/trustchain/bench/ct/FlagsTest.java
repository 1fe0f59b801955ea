package online.hypermesh.trustchain.bench.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class FlagsTest {
    private static final Set<String> VALUED = Set.of("mode", "rate", "db-url");
    private static final Set<String> SWITCHES = Set.of("keep-db");

    @Test
    void parse_readsValuesEqualsFormAndSwitches() {
        Flags f = Flags.parse(new String[] {"--mode", "rate", "--rate=3_000", "--keep-db"}, VALUED, SWITCHES);
        assertEquals("rate", f.string("mode", "burst"));
        assertEquals(3000, f.integer("rate", 1, 1, 10_000));
        assertTrue(f.bool("keep-db"));
        assertEquals("jdbc:x", f.string("db-url", "jdbc:x"));
        assertFalse(f.has("db-url"));
    }

    @Test
    void parse_namesTheBadOption() {
        assertEquals("unknown option --nope",
                assertThrows(IllegalArgumentException.class, () -> Flags.parse(new String[] {"--nope", "1"}, VALUED, SWITCHES)).getMessage());
        assertEquals("--rate needs a value",
                assertThrows(IllegalArgumentException.class, () -> Flags.parse(new String[] {"--rate"}, VALUED, SWITCHES)).getMessage());
        assertEquals("--mode given twice", assertThrows(IllegalArgumentException.class,
                () -> Flags.parse(new String[] {"--mode", "a", "--mode", "b"}, VALUED, SWITCHES)).getMessage());
        Flags f = Flags.parse(new String[] {"--rate", "0"}, VALUED, SWITCHES);
        assertEquals("--rate must be between 1 and 10 and was 0".replace(" and was", ", was"),
                assertThrows(IllegalArgumentException.class, () -> f.integer("rate", 1, 1, 10)).getMessage());
        Flags g = Flags.parse(new String[] {"--rate", "fast"}, VALUED, SWITCHES);
        assertThrows(IllegalArgumentException.class, () -> g.integer("rate", 1, 1, 10));
    }
}
