package online.hypermesh.trustchain.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LocalWitnessesTest {
    @Test
    void fourByDefaultNoneWithRemoteWitnessesOrZero() {
        assertEquals(4, LocalWitnesses.count(Map.of()));
        assertEquals(4, LocalWitnesses.count(Map.of("TRUSTCHAIN_CT_WITNESSES", " ")));
        assertEquals(0, LocalWitnesses.count(Map.of("TRUSTCHAIN_CT_WITNESSES", "w+01020304+AQ== https://w/")));
        assertEquals(0, LocalWitnesses.count(Map.of("TRUSTCHAIN_LOCAL_WITNESSES", "0")));
        assertEquals(7, LocalWitnesses.count(Map.of("TRUSTCHAIN_LOCAL_WITNESSES", "7")));
        LauncherException e = assertThrows(LauncherException.class, () -> LocalWitnesses.count(Map.of("TRUSTCHAIN_LOCAL_WITNESSES", "11")));
        assertTrue(e.getMessage().contains("TRUSTCHAIN_LOCAL_WITNESSES"), e.getMessage());
        assertThrows(LauncherException.class, () -> LocalWitnesses.count(Map.of("TRUSTCHAIN_LOCAL_WITNESSES", "four")));
    }

    @Test
    void portsShiftWithTheOffset() {
        assertArrayEquals(new int[] {6970, 6971, 6972, 6973}, LocalWitnesses.ports(4, 0));
        assertArrayEquals(new int[] {8370, 8371, 8372, 8373}, LocalWitnesses.ports(4, 1400));
    }

    @Test
    void aMissingJarIsNamed() {
        Path jar = Path.of("/nonexistent/trustchain-witness.jar");
        LauncherException e = assertThrows(LauncherException.class,
                () -> LocalWitnesses.prepare(4, Path.of("/tmp"), 0, Path.of("java"), jar, null));
        assertTrue(e.getMessage().contains(jar.toString()), e.getMessage());
    }
}
