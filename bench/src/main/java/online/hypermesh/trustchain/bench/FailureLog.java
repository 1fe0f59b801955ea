package online.hypermesh.trustchain.bench;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Prints the first failure of each kind (status code or transport error) once, e.g. its problem+json body. */
final class FailureLog {
    private static final int MAX_DETAIL = 2000;

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final PrintStream out;

    FailureLog(PrintStream out) {
        this.out = out;
    }

    void report(String key, String detail) {
        if (seen.add(key)) {
            String text = detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "..." : detail;
            out.println("first failure [" + key + "]: " + text);
        }
    }
}
