package online.hypermesh.trustchain.launcher;

/** WAL file names: 24 hex digits, timeline (8) then log and segment number (16). */
final class WalNames {
    private WalNames() {
    }

    static boolean isSegment(String name) {
        return name.length() == 24 && name.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'));
    }

    /** Whether {@code name} holds WAL from before {@code segment}, whatever its timeline. */
    static boolean olderThan(String name, String segment) {
        return name.substring(8).compareTo(segment.substring(8)) < 0;
    }
}
