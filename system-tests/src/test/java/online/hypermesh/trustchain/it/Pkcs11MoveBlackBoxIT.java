package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Moving an existing deployment onto an HSM, the README way: start on software keys and issue;
 * restart with {@code TRUSTCHAIN_CRYPTO_TOKEN=pkcs11} and {@code TRUSTCHAIN_CRYPTO_TOKEN_PREVIOUS=software};
 * roll the root over (which rolls every intermediate); issue again. The new CA keys are in the
 * token (sensitive, never extractable, per pkcs11-tool), the old ones never were, and the
 * certificate issued before the move still verifies and is answered "good" by OCSP. Its own
 * TrustChain, on port offset 4000.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Pkcs11MoveBlackBoxIT {
    private static final int OFFSET = 4000;
    private static final String BASE = "https://[::1]:" + (8443 + OFFSET);
    private static final String HTTP = "http://[::1]:" + (8080 + OFFSET);
    private static final SoftHsmToken TOKEN = SoftHsmToken.initialize(Path.of(System.getProperty("trustchain.it.work", "target/it"))
            .toAbsolutePath().resolve("pkcs11-move-softhsm"));

    /** Software keys first: the settings of a deployment that never had an HSM. */
    @RegisterExtension
    static final BlackBoxServer TC = new BlackBoxServer("pkcs11-move", OFFSET, Map.of("TRUSTCHAIN_CRYPTO_TOKEN", "software"));
    private static final Path work = TC.work();
    private static final Path data = TC.data();

    @Test
    @Order(1)
    void onSoftwareKeys_issues() throws Exception {
        issue("before", "before.hypermesh.online");
        Files.copy(data.resolve("root.pem"), work.resolve("old-root.pem"));
        assertTrue(verify("old-root.pem", "before").contains("before-leaf.pem: OK"));
    }

    @Test
    @Order(2)
    void restartedOnPkcs11_rollsEveryCaOver_andIssuesWithKeysInTheToken() throws Exception {
        assertTrue(TC.server().stop());
        Map<String, String> hsm = new HashMap<>(TOKEN.settings());
        hsm.put("TRUSTCHAIN_CRYPTO_TOKEN_PREVIOUS", "software");
        TC.startAgain(hsm);
        assertTrue(curl(BASE + "/health").out().contains("\"status\":\"UP\""), "the software keys still serve");
        // Before the rollover the old intermediate (a software key) still issues.
        issue("between", "between.hypermesh.online");

        curl("-f", "-X", "POST", "-H", "Authorization: Bearer " + TC.token(), BASE + "/api/v1/ca/authorities/root-g1/rollover")
                .expectSuccess();
        issue("after", "after.hypermesh.online");
        String intermediate = Commands.run(work, "openssl", "x509", "-in", "after-intermediate.pem", "-noout", "-subject").expectSuccess().out();
        assertNotEquals(Files.readString(work.resolve("before-intermediate.pem")), Files.readString(work.resolve("after-intermediate.pem")));
        assertTrue(intermediate.contains("us-east-1"), intermediate);
        assertNotEquals(Files.readString(work.resolve("old-root.pem")), Files.readString(data.resolve("root.pem")), "root.pem is the new root");
        assertTrue(verify(data.resolve("root.pem").toString(), "after").contains("after-leaf.pem: OK"));

        String objects = TOKEN.tool("pkcs11-tool", "--module", SoftHsmToken.LIBRARY, "--token-label", SoftHsmToken.LABEL, "--login",
                "--pin", SoftHsmToken.PIN, "--list-objects", "--type", "privkey").expectSuccess().out();
        for (String alias : List.of("ca-root-g2", "ca-us-east-1-g2")) {
            int at = objects.indexOf("label:      " + alias + "\n");
            assertTrue(at >= 0, alias + " is in the token:\n" + objects);
            String block = objects.substring(at, Math.min(objects.length(), at + 400));
            assertTrue(block.contains("Access:     sensitive, always sensitive, never extractable, local"), alias + ":\n" + block);
        }
        assertFalse(objects.contains("label:      ca-root-g1\n") || objects.contains("label:      ca-us-east-1-g1\n"),
                "the keys from before the move were never in the token:\n" + objects);
        int keys = objects.split("Private Key Object").length - 1;
        int locked = objects.split("Access:\\s+sensitive, always sensitive, never extractable, local").length - 1;
        assertEquals(keys, locked, "every private key in the token is sensitive and never extractable:\n" + objects);
    }

    @Test
    @Order(3)
    void theCertificateFromBeforeTheMove_stillVerifies_andOcspAnswersGood() throws Exception {
        assertTrue(verify("old-root.pem", "before").contains("before-leaf.pem: OK"));
        Commands.Result ocsp = Commands.run(work, "openssl", "ocsp", "-issuer", "before-intermediate.pem", "-cert", "before-leaf.pem",
                "-url", HTTP + "/ocsp", "-CAfile", data.resolve("roots.pem").toString()).expectSuccess();
        assertTrue(ocsp.out().contains("before-leaf.pem: good") && ocsp.err().contains("Response verify OK"), ocsp.out() + ocsp.err());
        TC.curl("-f", "-o", "old.crl", HTTP + "/crl/us-east-1-g1.crl").expectSuccess();
        Files.writeString(work.resolve("old-chain.pem"), Files.readString(work.resolve("before-intermediate.pem"))
                + Files.readString(work.resolve("old-root.pem")));
        Commands.Result crl = Commands.run(work, "openssl", "crl", "-inform", "der", "-in", "old.crl", "-noout", "-CAfile", "old-chain.pem");
        assertTrue((crl.out() + crl.err()).contains("verify OK"), "the retired intermediate's CRL is signed with its software key: "
                + crl.out() + crl.err());
    }

    private static void issue(String name, String dns) throws Exception {
        Commands.run(work, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", name + ".key").expectSuccess();
        Commands.run(work, "openssl", "req", "-new", "-key", name + ".key", "-subj", "/CN=" + dns, "-addext", "subjectAltName=DNS:" + dns,
                "-out", name + ".csr").expectSuccess();
        Commands.Result post = curl("-o", name + "-chain.pem", "-w", "%{http_code}", "-H", "Authorization: Bearer " + TC.token(),
                "-H", "Content-Type: application/pkcs10", "--data-binary", "@" + name + ".csr", BASE + "/api/v1/ca/certificates?profile=server");
        assertEquals("201", post.expectSuccess().out(), Files.readString(work.resolve(name + "-chain.pem")));
        List<String> pems = Commands.pemBlocks(Files.readString(work.resolve(name + "-chain.pem")));
        Files.writeString(work.resolve(name + "-leaf.pem"), pems.get(0));
        Files.writeString(work.resolve(name + "-intermediate.pem"), pems.get(1));
    }

    /**
     * curl trusting every root in roots.pem: after the root rollover the HTTPS listener keeps its
     * certificate under the old root until it renews it, while root.pem is already the new root.
     */
    private static Commands.Result curl(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-sS", "--cacert", data.resolve("roots.pem").toString()));
        command.addAll(List.of(args));
        return Commands.run(work, command);
    }

    private static String verify(String rootFile, String name) {
        Commands.Result r = Commands.run(work, "openssl", "verify", "-CAfile", rootFile, "-untrusted", name + "-intermediate.pem", name + "-leaf.pem");
        return r.out() + r.err();
    }
}
