package online.hypermesh.trustchain.bench;

/** A command line that cannot be turned into a {@link BenchConfig}. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
