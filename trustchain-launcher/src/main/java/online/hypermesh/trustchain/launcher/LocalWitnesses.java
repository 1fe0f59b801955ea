package online.hypermesh.trustchain.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

/**
 * The witnesses {@code run} starts next to TrustChain so that a new user sees confirmed
 * checkpoints at once: four separate witness processes (witness/'s jar) on 127.0.0.1, ports 6970
 * to 6973 plus the port offset, each with its key and state under {@code <data>/witnesses/wN}.
 * Their keys exist before WildFly starts (its {@code TRUSTCHAIN_CT_WITNESSES} names them); the
 * processes start once the log is up, because each needs the log's public key, read from the
 * local log.json. An operator who sets {@code TRUSTCHAIN_CT_WITNESSES} (remote witnesses) or
 * {@code TRUSTCHAIN_LOCAL_WITNESSES=0} gets none.
 */
final class LocalWitnesses implements AutoCloseable {
    static final int BASE_PORT = 6970;
    static final int DEFAULT_COUNT = 4;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([A-Za-z0-9+/=]+)\"");
    private static final Pattern URL = Pattern.compile("\"url\"\\s*:\\s*\"https://([^\"]+?)/?\"");

    record Witness(String name, Path dir, int port, String verifierKey) {
    }

    private final Path java;
    private final Path jar;
    private final Path setsid;
    private final List<Witness> witnesses = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    private LocalWitnesses(Path java, Path jar, Path setsid) {
        this.java = java;
        this.jar = jar;
        this.setsid = setsid;
    }

    /** How many local witnesses to run: none when the operator configured witnesses, else TRUSTCHAIN_LOCAL_WITNESSES (0-10, default 4). */
    static int count(Map<String, String> env) {
        String remote = LauncherSetting.CT_WITNESSES.in(env);
        if (remote != null && !remote.isBlank()) {
            return 0;
        }
        String n = LauncherSetting.LOCAL_WITNESSES.in(env);
        if (n == null || n.isBlank()) {
            return DEFAULT_COUNT;
        }
        try {
            int v = Integer.parseInt(n.trim());
            if (v >= 0 && v <= 10) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new LauncherException("TRUSTCHAIN_LOCAL_WITNESSES must be 0 to 10, was '" + n + "'", null);
    }

    static int[] ports(int count, int portOffset) {
        int[] ports = new int[count];
        for (int i = 0; i < count; i++) {
            ports[i] = BASE_PORT + i + portOffset;
        }
        return ports;
    }

    /** Creates (or reuses) each witness's key and learns its verifier key; nothing listens yet. */
    static LocalWitnesses prepare(int count, Path dataRoot, int portOffset, Path java, Path jar, Path setsid) {
        if (!Files.isRegularFile(jar)) {
            throw new LauncherException("The witness jar " + jar + " is missing.", "Build it: ./trustchain build (or set TRUSTCHAIN_LOCAL_WITNESSES=0)");
        }
        LocalWitnesses w = new LocalWitnesses(java, jar, setsid);
        int[] ports = ports(count, portOffset);
        for (int i = 0; i < count; i++) {
            String name = "witness-" + (i + 1) + ".trustchain.localhost";
            Path dir = dataRoot.resolve("witnesses").resolve("w" + (i + 1));
            stopLeftover(dir);
            Optional<String> vkey = Commands.output(List.of(java.toString(), "-jar", jar.toString(), "--init", "--name", name,
                    "--state", dir.toString()));
            if (vkey.isEmpty() || !vkey.get().strip().startsWith(name + "+")) {
                throw new LauncherException("Cannot create the key of witness " + name + " in " + dir + ": " + vkey.orElse("no output"), null);
            }
            w.witnesses.add(new Witness(name, dir, ports[i], vkey.get().strip()));
        }
        return w;
    }

    List<Witness> witnesses() {
        return List.copyOf(witnesses);
    }

    /** The value of TRUSTCHAIN_CT_WITNESSES for WildFly. */
    String setting() {
        StringJoiner j = new StringJoiner(" ");
        witnesses.forEach(w -> j.add(w.verifierKey()).add("http://127.0.0.1:" + w.port() + "/"));
        return j.toString();
    }

    /** Starts every witness for the log that {@code logJson} describes, and waits until each listens. */
    void start(URI logJson, SSLContext trust) {
        String origin;
        String key;
        try {
            HttpClient http = HttpClient.newBuilder().sslContext(trust).connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(logJson).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher k = KEY.matcher(r.body());
            Matcher u = URL.matcher(r.body());
            if (r.statusCode() != 200 || !k.find() || !u.find()) {
                throw new LauncherException("The log's " + logJson + " did not answer its key and URL (HTTP " + r.statusCode() + ")", null);
            }
            key = k.group(1);
            origin = u.group(1);
        } catch (IOException e) {
            throw new LauncherException("Cannot read the log's key from " + logJson + ": " + IoErrors.describe(e), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted", null);
        }
        for (Witness w : witnesses) {
            List<String> cmd = new ArrayList<>();
            if (setsid != null) {
                cmd.add(setsid.toString()); // its own session: Ctrl-C reaches the launcher, which stops it in order
            }
            cmd.addAll(List.of(java.toString(), "-Xmx64m", "-XX:+UseSerialGC", "-jar", jar.toString(), "--name", w.name(),
                    "--state", w.dir().toString(), "--listen", "127.0.0.1:" + w.port(), "--log", origin + "=" + key));
            try {
                Path log = w.dir().resolve("witness.log");
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
                processes.add(p);
                Files.writeString(w.dir().resolve("witness.pid"), Long.toString(p.pid()));
            } catch (IOException e) {
                throw new LauncherException("Cannot start witness " + w.name() + ": " + IoErrors.describe(e), null, e);
            }
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        for (int i = 0; i < witnesses.size(); i++) {
            Witness w = witnesses.get(i);
            while (!listening(w.port())) {
                if (!processes.get(i).isAlive() || System.nanoTime() > deadline) {
                    throw new LauncherException("Witness " + w.name() + " did not start; see " + w.dir().resolve("witness.log"), null);
                }
                sleep(100);
            }
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A witness left running by a launcher that was killed: its pid file names it. */
    private static void stopLeftover(Path dir) {
        Path pidFile = dir.resolve("witness.pid");
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid).filter(h -> h.info().commandLine().map(c -> c.contains("trustchain-witness")).orElse(false))
                    .ifPresent(h -> {
                        Console.info("Stopping a leftover witness (pid " + pid + ")");
                        h.destroy();
                        h.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(x -> null).join();
                    });
            Files.deleteIfExists(pidFile);
        } catch (IOException | NumberFormatException e) {
            // no usable pid file: nothing to stop
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted", null);
        }
    }

    /** Stops every witness (SIGTERM, then SIGKILL after 10 s); their state is on disk after each answer anyway. */
    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
                Files.deleteIfExists(witnesses.get(i).dir().resolve("witness.pid"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            } catch (IOException e) {
                // the pid file stays; the next start checks the process behind it
            }
        }
        processes.clear();
    }
}
