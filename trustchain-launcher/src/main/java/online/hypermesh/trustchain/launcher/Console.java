package online.hypermesh.trustchain.launcher;

/**
 * The launcher's own short progress lines. Kept in one place so the output stays
 * uniform and grep-able, separate from WildFly's log which goes to files.
 */
public final class Console {
    private static final String PREFIX = "[trustchain] ";

    private Console() {
    }

    public static void info(String message) {
        System.out.println(PREFIX + message);
        System.out.flush();
    }

    public static void error(String message) {
        System.err.println(PREFIX + "ERROR: " + message);
        System.err.flush();
    }

    /** Verbatim lines (banner, log tails) without the prefix. */
    public static void plain(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
