package online.hypermesh.trustchain.witness.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.witness.Cosigner;

/** Witness configuration: vkeys as the witness prints them, and the list the log is given. */
class WitnessEndpointTest {
    private static Cosigner cosigner(String name) throws Exception {
        KeyPair p = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        return new Cosigner(name, p.getPrivate(), p.getPublic());
    }

    @Test
    void verifierKeysRoundTripIncludingBase64WithPlusSigns() throws Exception {
        int withPlus = 0;
        for (int i = 0; i < 200 && withPlus < 5; i++) {
            Cosigner c = cosigner("witness.example.org/w" + i);
            String vkey = c.verifierKey();
            String base64 = vkey.substring(vkey.indexOf('+', vkey.indexOf('+') + 1) + 1);
            withPlus += base64.contains("+") ? 1 : 0;
            WitnessEndpoint e = WitnessEndpoint.parse(vkey, "http://127.0.0.1:6970/");
            assertEquals(c.name(), e.name());
            assertArrayEquals(c.publicKey(), e.publicKey());
            assertEquals(vkey, e.verifierKey());
        }
        assertTrue(withPlus > 0, "some keys' base64 contains '+'");
    }

    @Test
    void badVerifierKeysAreRefusedWithTheReason() throws Exception {
        String vkey = cosigner("w.example/1").verifierKey();
        String wrongId = vkey.replaceFirst("\\+[0-9a-f]{8}\\+", "+00000000+");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WitnessEndpoint.parse(wrongId, "http://h/"))
                .getMessage().contains("does not match"));
        assertThrows(IllegalArgumentException.class, () -> WitnessEndpoint.parse("w.example/1", "http://h/"));
        assertThrows(IllegalArgumentException.class, () -> WitnessEndpoint.parse(vkey, "ftp://h/"));
        // An Ed25519 note key (type 0x01) is not a cosignature key.
        String type1 = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WitnessEndpoint.parse(type1, "http://h/"))
                .getMessage().contains("0x04"));
    }

    @Test
    void listOfPairs() throws Exception {
        String a = cosigner("w.example/a").verifierKey();
        String b = cosigner("w.example/b").verifierKey();
        List<WitnessEndpoint> l = WitnessEndpoint.parseList(a + " http://127.0.0.1:6970/,\n" + b + " https://b.example/witness");
        assertEquals(List.of("w.example/a", "w.example/b"), l.stream().map(WitnessEndpoint::name).toList());
        assertEquals(URI.create("https://b.example/witness/add-checkpoint"), l.get(1).addCheckpoint());
        assertEquals(List.of(), WitnessEndpoint.parseList("  "));
        assertThrows(IllegalArgumentException.class, () -> WitnessEndpoint.parseList(a));
        assertThrows(IllegalArgumentException.class, () -> WitnessEndpoint.parseList(a + " http://x/ " + a + " http://y/"));
    }
}
