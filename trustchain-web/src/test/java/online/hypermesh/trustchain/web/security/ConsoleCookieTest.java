package online.hypermesh.trustchain.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConsoleCookieTest {
    @Test
    void theCookie_isHostOnly_secure_httpOnly_andStrict() {
        assertEquals("__Host-trustchain-console=abc; Path=/; Secure; HttpOnly; SameSite=Strict", ConsoleCookie.set("abc"));
        assertTrue(ConsoleCookie.clear().contains("Max-Age=0") && ConsoleCookie.clear().startsWith("__Host-trustchain-console=;"));
    }

    @Test
    void theCsrfToken_mustBeEchoedExactly() {
        assertTrue(ConsoleCookie.csrfMatches("t0ken", "t0ken"));
        assertFalse(ConsoleCookie.csrfMatches("t0ken", null));
        assertFalse(ConsoleCookie.csrfMatches("t0ken", ""));
        assertFalse(ConsoleCookie.csrfMatches("t0ken", "t0ke"));
        assertFalse(ConsoleCookie.csrfMatches("t0ken", "T0KEN"));
    }

    @Test
    void onlyTheSafeMethods_needNoToken() {
        assertTrue(ConsoleCookie.isSafe("GET") && ConsoleCookie.isSafe("HEAD") && ConsoleCookie.isSafe("OPTIONS"));
        assertFalse(ConsoleCookie.isSafe("POST") || ConsoleCookie.isSafe("PUT") || ConsoleCookie.isSafe("PATCH") || ConsoleCookie.isSafe("DELETE"));
    }
}
