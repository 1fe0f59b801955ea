package online.hypermesh.trustchain.launcher;

/** Quoting for the sh scripts the launcher writes. */
final class Shell {
    private Shell() {
    }

    /** A single-quoted sh word: safe for any path. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
