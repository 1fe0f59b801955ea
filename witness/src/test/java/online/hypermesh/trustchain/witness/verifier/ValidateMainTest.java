package online.hypermesh.trustchain.witness.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code validate} command: its exit status says whether any check failed; bad arguments are 2. */
class ValidateMainTest {
    @TempDir
    Path dir;
    private RelyingPartyFixture pki;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream savedOut;

    @BeforeEach
    void start() throws Exception {
        pki = new RelyingPartyFixture();
        savedOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        System.setOut(savedOut);
        pki.close();
    }

    private static String pem(X509Certificate... certs) throws Exception {
        StringBuilder b = new StringBuilder();
        for (X509Certificate c : certs) {
            b.append("-----BEGIN CERTIFICATE-----\n").append(Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(c.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        return b.toString();
    }

    private int run(X509Certificate leaf, String... extra) throws Exception {
        Path chain = Files.writeString(dir.resolve("chain.pem"), pem(leaf, pki.root));
        Path roots = Files.writeString(dir.resolve("roots.pem"), pem(pki.root));
        List<String> args = new ArrayList<>(List.of("--chain", chain.toString(), "--roots", roots.toString(), "--log", pki.base.toString(),
                "--origin", pki.log.origin, "--log-key", pki.log.logKey().keyBase64()));
        pki.witnesses().forEach(w -> args.addAll(List.of("--witness", w.verifierKey() + "=" + w.submissionPrefix())));
        args.addAll(List.of(extra));
        return ValidateMain.run(args.toArray(String[]::new));
    }

    @Test
    void exitsZeroWhenEveryCheckPassesAndOneWhenOcspSaysRevoked() throws Exception {
        X509Certificate leaf = pki.issue(pki.log.key, true);
        assertEquals(0, run(leaf), out.toString());
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("quorum     PASS 3 of 3 witnesses cosigned"), text);
        assertTrue(text.endsWith("VALID\n"), text);

        out.reset();
        pki.revoked = true;
        assertEquals(ValidateMain.INVALID_EXIT, run(leaf, "--json"), out.toString());
        String json = out.toString(StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"valid\":false,"), json);
        assertTrue(json.contains("{\"name\":\"ocsp\",\"outcome\":\"fail\",\"detail\":\"revoked: "), json);
    }

    @Test
    void aLogWithoutItsKeyIsABadArgument() throws Exception {
        Path chain = Files.writeString(dir.resolve("chain.pem"), pem(pki.issue(pki.log.key, true)));
        assertEquals(ValidateMain.USAGE_EXIT, ValidateMain.run(new String[] {"--chain", chain.toString(), "--roots", chain.toString(),
                "--log", pki.base.toString()}));
        assertEquals(ValidateMain.USAGE_EXIT, ValidateMain.run(new String[] {"--chain", chain.toString()}));
    }
}
