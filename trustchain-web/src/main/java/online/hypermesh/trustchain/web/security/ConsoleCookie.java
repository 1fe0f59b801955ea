package online.hypermesh.trustchain.web.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The web console's session cookie and CSRF header. The {@code __Host-} prefix makes the browser
 * keep the cookie only if it was set Secure, for Path=/ and without a Domain, so no other host or
 * plain-HTTP page can plant or read one; HttpOnly keeps it from scripts; SameSite=Strict keeps
 * other sites' pages from sending it. The CSRF token the page holds in memory is the second
 * factor for every state change: a forged cross-site request cannot read it.
 */
public final class ConsoleCookie {
    public static final String NAME = "__Host-trustchain-console";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private ConsoleCookie() {
    }

    /** The Set-Cookie value that hands the browser a session id (a session cookie: the server times it out). */
    public static String set(String sessionId) {
        return NAME + "=" + sessionId + "; Path=/; Secure; HttpOnly; SameSite=Strict";
    }

    /** The Set-Cookie value that makes the browser forget the session. */
    public static String clear() {
        return NAME + "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0";
    }

    /** Whether a state-changing request echoed the session's CSRF token, compared in constant time. */
    public static boolean csrfMatches(String expected, String sent) {
        return sent != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }

    /** Methods that change nothing (RFC 9110 9.2.1) and so need no CSRF token. */
    public static boolean isSafe(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }
}
