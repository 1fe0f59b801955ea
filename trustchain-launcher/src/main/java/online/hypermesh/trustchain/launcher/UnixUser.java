package online.hypermesh.trustchain.launcher;

import java.util.List;
import java.util.Optional;

/** A numeric Unix user and primary group, looked up with the portable {@code id} command. */
record UnixUser(String name, int uid, int gid) {

    static Optional<UnixUser> current() {
        return lookup(List.of("id", "-u"), List.of("id", "-g"), List.of("id", "-un"));
    }

    static Optional<UnixUser> named(String name) {
        return lookup(List.of("id", "-u", name), List.of("id", "-g", name), List.of("id", "-un", name));
    }

    boolean isRoot() {
        return uid == 0;
    }

    private static Optional<UnixUser> lookup(List<String> uid, List<String> gid, List<String> name) {
        try {
            Optional<String> u = Commands.output(uid);
            Optional<String> g = Commands.output(gid);
            if (u.isEmpty() || g.isEmpty()) {
                return Optional.empty();
            }
            String n = Commands.output(name).orElse(u.get());
            return Optional.of(new UnixUser(n, Integer.parseInt(u.get()), Integer.parseInt(g.get())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
