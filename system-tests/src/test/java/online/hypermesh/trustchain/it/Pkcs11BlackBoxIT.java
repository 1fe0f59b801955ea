package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TrustChain with every CA key in a PKCS#11 token (SoftHSM2, initialized here in a directory of
 * its own), driven with openssl, curl and OpenSC's pkcs11-tool: issuance (with its CT SCTs), the
 * CRL and OCSP all sign in the token, and the keys there are sensitive and never extractable.
 * Its own TrustChain, on port offset 2500.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Pkcs11BlackBoxIT {
    private static final int OFFSET = 2500;
    private static final String BASE = "https://[::1]:" + (8443 + OFFSET);
    private static final String HTTP = "http://[::1]:" + (8080 + OFFSET);
    private static final String LIBRARY = SoftHsmToken.LIBRARY;
    private static final String LABEL = SoftHsmToken.LABEL;
    private static final String PIN = SoftHsmToken.PIN;
    private static final SoftHsmToken TOKEN = SoftHsmToken.initialize(Path.of(System.getProperty("trustchain.it.work", "target/it"))
            .toAbsolutePath().resolve("pkcs11-softhsm"));

    @RegisterExtension
    static final BlackBoxServer TC = new BlackBoxServer("pkcs11-blackbox", OFFSET, TOKEN.settings());
    private static final Path work = TC.work();
    private static final Path data = TC.data();

    @Test
    @Order(1)
    void issuance_signsInTheToken_withSctsEmbedded_andOpensslVerifiesTheChain() throws Exception {
        assertTrue(TC.curl("-f", BASE + "/health").expectSuccess().out().contains("\"status\":\"UP\""));
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "leaf.key");
        openssl("req", "-new", "-key", "leaf.key", "-subj", "/CN=hsm.hypermesh.online", "-addext", "subjectAltName=DNS:hsm.hypermesh.online",
                "-out", "leaf.csr");
        Commands.Result post = TC.curl("-o", "chain.pem", "-w", "%{http_code}", "-H", "Authorization: Bearer " + TC.token(),
                "-H", "Content-Type: application/pkcs10", "--data-binary", "@leaf.csr", BASE + "/api/v1/ca/certificates?profile=server");
        assertEquals("201", post.expectSuccess().out(), Files.readString(work.resolve("chain.pem")));
        List<String> pems = Commands.pemBlocks(Files.readString(work.resolve("chain.pem")));
        Files.writeString(work.resolve("leaf.pem"), pems.get(0));
        Files.writeString(work.resolve("intermediate.pem"), pems.get(1));
        String verify = openssl("verify", "-x509_strict", "-CAfile", data.resolve("root.pem").toString(), "-untrusted", "intermediate.pem",
                "leaf.pem").out();
        assertTrue(verify.contains("leaf.pem: OK"), verify);
        String leaf = openssl("x509", "-in", "leaf.pem", "-noout", "-text").out();
        assertTrue(leaf.contains("ecdsa-with-SHA384") && leaf.contains("CT Precertificate SCTs"), leaf);
        String root = openssl("x509", "-in", data.resolve("root.pem").toString(), "-noout", "-text").out();
        assertTrue(root.contains("Public-Key: (4096 bit)") && root.contains("sha256WithRSAEncryption"), root);
    }

    @Test
    @Order(2)
    void crlAndOcsp_areSignedInTheToken() throws Exception {
        TC.curl("-f", "-o", "int.crl", HTTP + "/crl/us-east-1-g1.crl").expectSuccess();
        Files.writeString(work.resolve("ca-chain.pem"), Files.readString(work.resolve("intermediate.pem")) + Files.readString(data.resolve("root.pem")));
        Commands.Result crl = Commands.run(work, "openssl", "crl", "-inform", "der", "-in", "int.crl", "-noout", "-CAfile", "ca-chain.pem");
        assertTrue((crl.out() + crl.err()).contains("verify OK"), crl.out() + crl.err());
        Commands.Result ocsp = Commands.run(work, "openssl", "ocsp", "-issuer", "intermediate.pem", "-cert", "leaf.pem", "-url", HTTP + "/ocsp",
                "-CAfile", data.resolve("root.pem").toString()).expectSuccess();
        assertTrue(ocsp.out().contains("leaf.pem: good") && ocsp.err().contains("Response verify OK"), ocsp.out() + ocsp.err());
    }

    @Test
    @Order(3)
    void theKeysInTheToken_areSensitiveAndNeverExtractable() {
        String objects = softhsm("pkcs11-tool", "--module", LIBRARY, "--token-label", LABEL, "--login", "--pin", PIN, "--list-objects",
                "--type", "privkey").expectSuccess().out();
        for (String alias : List.of("ca-root-g1", "ca-us-east-1-g1", "ct-log-g1", "ocsp-us-east-1-g1-")) {
            int at = objects.indexOf("label:      " + alias);
            assertTrue(at >= 0, alias + " in\n" + objects);
        }
        int keys = objects.split("Private Key Object").length - 1;
        int locked = objects.split("Access:\\s+sensitive, always sensitive, never extractable, local").length - 1;
        assertTrue(keys >= 5, "root, three intermediates, OCSP responders and the CT log: " + objects);
        assertEquals(keys, locked, "every private key is sensitive and never extractable:\n" + objects);
        int signOnly = objects.split("Usage:\\s+sign\\s*\n").length - 1;
        assertEquals(keys, signOnly, "every private key may sign and do nothing else:\n" + objects);
    }

    private static Commands.Result openssl(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        return Commands.run(work, command).expectSuccess();
    }

    private static Commands.Result softhsm(String... command) {
        return TOKEN.tool(command);
    }
}
