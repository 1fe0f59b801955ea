package online.hypermesh.trustchain.launcher;

/**
 * A failure the user can act on. The message says what is wrong, the hint what to do;
 * Main prints both without a stack trace, because a trace would hide the hint.
 */
public class LauncherException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String hint;

    public LauncherException(String message, String hint) {
        this(message, hint, null);
    }

    public LauncherException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** What the user should do next; may be null. */
    public String hint() {
        return hint;
    }
}
