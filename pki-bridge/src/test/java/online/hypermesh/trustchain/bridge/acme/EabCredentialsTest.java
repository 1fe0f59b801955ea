package online.hypermesh.trustchain.bridge.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class EabCredentialsTest {

    /** A random source whose first draws give base64url texts that begin with '-' (0xF8 encodes as '-'). */
    private static final class LeadingDashFirst extends SecureRandom {
        private int calls;

        @Override
        public void nextBytes(byte[] bytes) {
            super.nextBytes(bytes);
            if (calls++ < 3) {
                bytes[0] = (byte) 0xF8;
            }
        }
    }

    @Test
    void neitherValueBeginsWithADash_evenWhenTheRandomSourceDrawsOne() {
        EabCredentials c = EabCredentials.draw(new LeadingDashFirst());
        assertFalse(c.kid().startsWith("-"), c.kid());
        assertFalse(c.hmacKeyText().startsWith("-"), c.hmacKeyText());
        assertEquals(16, c.kid().length());
        assertEquals(32, c.hmacKey().length);
        assertEquals(43, c.hmacKeyText().length());
    }

    @Test
    void drawsAreDistinctAndNeverStartWithADash() {
        SecureRandom random = new SecureRandom();
        Set<String> kids = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            EabCredentials c = EabCredentials.draw(random);
            assertFalse(c.kid().startsWith("-") || c.hmacKeyText().startsWith("-"));
            assertTrue(kids.add(c.kid()));
        }
    }
}
