package online.hypermesh.trustchain.perspective;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import online.hypermesh.trustchain.bridge.acme.ChallengeValidation;
import online.hypermesh.trustchain.bridge.acme.NameResolver;
import online.hypermesh.trustchain.bridge.perspective.PerspectiveAgent;

/**
 * {@code java -jar trustchain-perspective.jar --name NAME --listen ADDR:PORT --secret-file FILE
 * [--resolver ADDR[:PORT],...] [--http01-port 80] [--tlsalpn01-port 443] [--timeout-ms 10000]}:
 * runs one remote perspective until it is stopped. Errors in the arguments exit with 2 and say
 * which argument; the secret file must hold at least 16 bytes and is never printed.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("trustchain-perspective: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (o.help()) {
            System.out.println(Options.USAGE);
            return;
        }
        byte[] secret = readSecret(o.secretFile());
        Duration timeout = Duration.ofMillis(o.timeoutMillis());
        ChallengeValidation validation = new ChallengeValidation(new NameResolver(o.resolvers(), timeout), o.http01Port(), o.tlsAlpn01Port(), timeout);
        PerspectiveAgent agent = new PerspectiveAgent(o.name(), o.listen(), secret, validation, Clock.systemUTC());
        agent.start();
        System.out.println("perspective " + o.name() + " listening on " + agent.address() + ", resolving through "
                + (o.resolvers().isEmpty() ? "the system resolver" : o.resolvers()) + "; http-01 port " + o.http01Port()
                + ", tls-alpn-01 port " + o.tlsAlpn01Port());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    private static byte[] readSecret(Path file) throws IOException {
        byte[] secret = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8).strip().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (secret.length < 16) {
            System.err.println("trustchain-perspective: --secret-file " + file + " holds fewer than 16 bytes");
            System.exit(2);
        }
        return secret;
    }

    /** The command line, checked. */
    record Options(boolean help, String name, InetSocketAddress listen, Path secretFile, List<InetSocketAddress> resolvers,
                   int http01Port, int tlsAlpn01Port, int timeoutMillis) {
        static final String USAGE = "usage: java -jar trustchain-perspective.jar --name NAME --listen ADDR:PORT --secret-file FILE"
                + " [--resolver ADDR[:PORT],...] [--http01-port 80] [--tlsalpn01-port 443] [--timeout-ms 10000]";

        static Options parse(String[] args) {
            String name = null;
            InetSocketAddress listen = null;
            Path secret = null;
            List<InetSocketAddress> resolvers = new ArrayList<>();
            int http01 = 80;
            int tlsAlpn01 = 443;
            int timeout = 10_000;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help") || a.equals("-h")) {
                    return new Options(true, null, null, null, List.of(), 0, 0, 0);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--name" -> name = v;
                    case "--listen" -> listen = address(a, v, -1);
                    case "--secret-file" -> secret = Path.of(v);
                    case "--resolver" -> {
                        for (String r : v.split(",")) {
                            resolvers.add(address(a, r.trim(), 53));
                        }
                    }
                    case "--http01-port" -> http01 = port(a, v);
                    case "--tlsalpn01-port" -> tlsAlpn01 = port(a, v);
                    case "--timeout-ms" -> timeout = integer(a, v, 100, 60_000);
                    default -> throw new IllegalArgumentException("unknown argument " + a);
                }
            }
            if (name == null || !name.matches("[A-Za-z0-9._-]{1,32}")) {
                throw new IllegalArgumentException("--name is 1 to 32 letters, digits, '.', '_' or '-'");
            }
            if (listen == null) {
                throw new IllegalArgumentException("--listen ADDR:PORT is required, e.g. [::]:9444");
            }
            if (secret == null) {
                throw new IllegalArgumentException("--secret-file is required (the secret shared with the CA)");
            }
            return new Options(false, name, listen, secret, List.copyOf(resolvers), http01, tlsAlpn01, timeout);
        }

        /** {@code [v6]:port}, {@code v4:port}, or without port where a default is given; literals only, never a lookup. */
        static InetSocketAddress address(String arg, String v, int defaultPort) {
            String host = v;
            int port = defaultPort;
            if (v.startsWith("[")) {
                int close = v.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException(arg + " " + v + ": missing ']'");
                }
                host = v.substring(1, close);
                if (close + 1 < v.length()) {
                    if (v.charAt(close + 1) != ':') {
                        throw new IllegalArgumentException(arg + " " + v + ": expected ':' after ']'");
                    }
                    port = port(arg, v.substring(close + 2));
                }
            } else if (v.indexOf(':') == v.lastIndexOf(':') && v.indexOf(':') >= 0) {
                host = v.substring(0, v.indexOf(':'));
                port = port(arg, v.substring(v.indexOf(':') + 1));
            }
            if (port < 0) {
                throw new IllegalArgumentException(arg + " " + v + ": give a port, e.g. [::]:9444");
            }
            if (!host.matches("[0-9A-Fa-f:.]+")) {
                throw new IllegalArgumentException(arg + " " + v + ": an IP address literal, not a host name");
            }
            try {
                return new InetSocketAddress(InetAddress.getByName(host), port);
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException(arg + " " + v + ": not an IP address");
            }
        }

        static int port(String arg, String v) {
            return integer(arg, v, 1, 65535);
        }

        static int integer(String arg, String v, int min, int max) {
            try {
                int n = Integer.parseInt(v);
                if (n < min || n > max) {
                    throw new IllegalArgumentException(arg + " " + v + ": must be " + min + " to " + max);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(arg + " " + v + ": not a number");
            }
        }
    }
}
