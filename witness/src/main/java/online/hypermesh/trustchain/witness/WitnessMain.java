package online.hypermesh.trustchain.witness;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar trustchain-witness.jar --name NAME --state DIR [--listen HOST:PORT]
 * --log ORIGIN=BASE64-SPKI [--log ...]}. The key is {@code DIR/witness.key} (created if absent);
 * the verifier key is printed at start so an operator can register the witness with a log.
 */
public final class WitnessMain {
    private WitnessMain() {
    }

    public static void main(String[] args) throws Exception {
        String name = null;
        Path state = null;
        String listen = "127.0.0.1:6970";
        List<LogKey> logs = new ArrayList<>();
        boolean init = false;
        boolean lie = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                usage(null);
                return;
            }
            if (a.equals("--lie")) {
                lie = true;
                continue;
            }
            if (a.equals("--init")) {
                init = true;
                continue;
            }
            if (i + 1 >= args.length) {
                usage(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--name" -> name = v;
                case "--state" -> state = Path.of(v);
                case "--listen" -> listen = v;
                case "--log" -> {
                    int eq = v.indexOf('=');
                    if (eq <= 0) {
                        usage("--log is ORIGIN=BASE64-SPKI");
                    }
                    logs.add(LogKey.fromBase64Spki(v.substring(0, eq), v.substring(eq + 1)));
                }
                default -> usage("unknown option " + a);
            }
        }
        if (init) {
            if (name == null || state == null) {
                usage("--init needs --name and --state");
            }
            // Creates the key if absent and prints the verifier key, for registering the witness with a log.
            KeyPair key = WitnessKeys.loadOrCreate(state.resolve("witness.key"));
            System.out.println(new Cosigner(name, key.getPrivate(), key.getPublic()).verifierKey());
            return;
        }
        if (name == null || state == null || logs.isEmpty()) {
            usage("--name, --state and at least one --log are required");
        }
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            usage("--listen is HOST:PORT");
        }
        InetSocketAddress address = new InetSocketAddress(listen.substring(0, colon), Integer.parseInt(listen.substring(colon + 1)));

        KeyPair key = WitnessKeys.loadOrCreate(state.resolve("witness.key"));
        Cosigner cosigner = new Cosigner(name, key.getPrivate(), key.getPublic());
        Witness witness = new Witness(cosigner, logs, new WitnessStore(state), Clock.systemUTC(), lie);
        WitnessHttpServer server = new WitnessHttpServer(witness, address);
        server.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "witness-shutdown"));
        if (lie) {
            System.out.println("WARNING: --lie: this witness cosigns ANY checkpoint it is sent, unchecked (a Byzantine witness, for tests only)");
        }
        System.out.println("witness " + name + " listening on " + listen + "; verifier key " + cosigner.verifierKey());
        for (LogKey l : logs) {
            System.out.println("  log " + l.origin() + " held size " + witness.heldSize(l.origin()));
        }
        System.out.flush();
        stopped.await();
    }

    private static void usage(String error) {
        String text = """
                usage: java -jar trustchain-witness.jar --name NAME --state DIR [--listen HOST:PORT] --log ORIGIN=BASE64-SPKI...
                       java -jar trustchain-witness.jar --init --name NAME --state DIR   (create the key, print the verifier key)
                       java -jar trustchain-witness.jar monitor --log URL --origin ORIGIN --log-key BASE64-SPKI [--root-pem FILE]
                           [--witness NAME=URL]... [--interval-ms N] [--once]   (report split views; exit 3 on one)
                  --name    the witness's key name, a schema-less URL (e.g. witness.example.org/w1)
                  --state   directory for witness.key (created if absent) and what it cosigned
                  --listen  address to listen on (default 127.0.0.1:6970)
                  --log     a log to witness: its checkpoint origin and base64 DER P-256 key (log.json's "key")
                  --lie     TESTS ONLY: cosign every checkpoint unchecked, as a Byzantine witness would (never in a deployment)
                """;
        if (error == null) {
            System.out.print(text);
            return;
        }
        System.err.println("witness: " + error);
        System.err.print(text);
        System.exit(2);
    }
}
