package online.hypermesh.trustchain.launcher;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Gives zonky, instead of the PostgreSQL archive, a tiny archive of three shell scripts
 * (bin/initdb, bin/pg_ctl, bin/postgres) that exec the real binaries through setpriv as an
 * unprivileged user. zonky keeps doing everything else (initdb, start, wait, stop); the real
 * binaries are unpacked once by {@link PostgresBinaryCache}. The archive is deterministic, so
 * zonky unpacks it only once per setting too.
 */
final class SetprivBinaryResolver implements PgBinaryResolver {
    /** Every program zonky runs from bin/; pg_ctl starts postgres from its own (real) directory. */
    private static final List<String> PROGRAMS = List.of("initdb", "pg_ctl", "postgres");

    private final Path setpriv;
    private final UnixUser user;

    SetprivBinaryResolver(Path setpriv, UnixUser user) {
        this.setpriv = setpriv;
        this.user = user;
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        Path realHome = PostgresBinaryCache.unpack(DefaultPostgresBinaryResolver.INSTANCE, system, machineHardware);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XZOutputStream xz = new XZOutputStream(bytes, new LZMA2Options());
             TarArchiveOutputStream tar = new TarArchiveOutputStream(xz)) {
            for (String program : PROGRAMS) {
                byte[] script = script(realHome.resolve("bin").resolve(program)).getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry("bin/" + program);
                entry.setMode(0755);
                entry.setSize(script.length);
                entry.setModTime(0); // deterministic archive => stable zonky cache directory
                tar.putArchiveEntry(entry);
                tar.write(script);
                tar.closeArchiveEntry();
            }
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    /**
     * cd / because the unprivileged user may not be allowed into the launcher's working
     * directory; --clear-groups drops root's supplementary groups as well.
     */
    String script(Path realProgram) {
        return "#!/bin/sh\n"
                + "# Written by the TrustChain launcher: PostgreSQL refuses to run as root.\n"
                + "cd / && exec '" + setpriv + "' --reuid=" + user.uid() + " --regid=" + user.gid()
                + " --clear-groups -- '" + realProgram + "' \"$@\"\n";
    }
}
