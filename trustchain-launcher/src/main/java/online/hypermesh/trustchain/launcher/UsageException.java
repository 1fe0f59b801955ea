package online.hypermesh.trustchain.launcher;

/** Bad command line: Main answers with the usage text and exit code 2. */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
