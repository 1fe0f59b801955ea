package online.hypermesh.trustchain.bridge.perspective;

/**
 * Multi-perspective issuance corroboration as the CA/Browser Forum's baseline requirements
 * (3.2.2.9) put it: the primary perspective (the CA's own) must validate, and of the remote
 * perspectives at most {@link #allowedFailures} may not: none of 1, one of 2 to 5, two of 6 or more.
 */
public final class Corroboration {
    private Corroboration() {
    }

    public static int allowedFailures(int remotes) {
        if (remotes <= 1) {
            return 0;
        }
        return remotes <= 5 ? 1 : 2;
    }

    /** @param remoteFailures remote perspectives that did not validate, including those that did not answer */
    public static boolean corroborated(boolean primaryValid, int remotes, int remoteFailures) {
        return primaryValid && remoteFailures <= allowedFailures(remotes);
    }
}
