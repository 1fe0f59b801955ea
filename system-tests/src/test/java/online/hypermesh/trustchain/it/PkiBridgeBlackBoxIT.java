package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bridge to an existing enterprise PKI from the outside: its own TrustChain on port offset 3400,
 * started the README way, and an "enterprise PKI" (root, issuing intermediate, leaf) made with the
 * openssl command line as an enterprise CA would. The enterprise CA is imported as a trust anchor,
 * the CT log then accepts its chains, TrustChain's root cross-certifies its root, and the enterprise
 * root cross-certifies TrustChain's root from TrustChain's request; {@code openssl verify} (without
 * -partial_chain) proves both directions. An enterprise client certificate whose URI SAN is bound
 * to an account authenticates as it (mutual TLS) until the anchor is deactivated. Bad imports are
 * problem+json and store nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PkiBridgeBlackBoxIT {
    private static final int OFFSET = 3400;
    private static final String BASE = "https://[::1]:" + (8443 + OFFSET);
    private static final String CT = "https://[::1]:" + (6962 + OFFSET) + "/ct/v1/";
    private static final String PEM_CHAIN = "Content-Type: application/pem-certificate-chain";

    @RegisterExtension
    static final BlackBoxServer TC = new BlackBoxServer("pki-bridge-blackbox", OFFSET);
    private static final Path work = TC.work();
    private static final Path data = TC.data();

    private static long anchorId;
    private static String crossSerial;

    /** The enterprise's openssl configuration: its CA profiles, and the one it signs TrustChain's request with. */
    private static final String ENTERPRISE_CNF = """
            [req]
            distinguished_name = dn
            prompt = no
            [dn]
            CN = unused
            [v3_root]
            basicConstraints = critical,CA:TRUE
            keyUsage = critical,keyCertSign,cRLSign
            subjectKeyIdentifier = hash
            [v3_int]
            basicConstraints = critical,CA:TRUE,pathlen:0
            keyUsage = critical,keyCertSign,cRLSign
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid
            [v3_leaf]
            basicConstraints = critical,CA:FALSE
            keyUsage = critical,digitalSignature
            extendedKeyUsage = serverAuth,clientAuth
            subjectAltName = DNS:app.corp.example
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid
            [v3_client]
            basicConstraints = critical,CA:FALSE
            keyUsage = critical,digitalSignature
            extendedKeyUsage = clientAuth
            subjectAltName = URI:spiffe://corp.example/ops
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid
            [v3_own]
            basicConstraints = critical,CA:FALSE
            keyUsage = critical,digitalSignature
            extendedKeyUsage = clientAuth
            subjectAltName = URI:spiffe://hypermesh.online/ops
            [v3_cross]
            basicConstraints = critical,CA:TRUE,pathlen:1
            keyUsage = critical,keyCertSign,cRLSign
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid
            """;

    @Test
    @Order(1)
    void enterprisePki_isMadeWithOpenssl_andItsChainIsNotYetAcceptedByTheCtLog() throws Exception {
        Files.writeString(work.resolve("ent.cnf"), ENTERPRISE_CNF);
        openssl("req", "-x509", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384", "-nodes", "-keyout", "ent-root.key",
                "-config", "ent.cnf", "-extensions", "v3_root", "-subj", "/C=DE/O=Corp/CN=Corp Root CA", "-days", "3650", "-out", "ent-root.pem");
        issue("ent-int", "/C=DE/O=Corp/CN=Corp Issuing CA", "ent-root", "v3_int", "1000");
        issue("ent-leaf", "/CN=app.corp.example", "ent-int", "v3_leaf", "30");
        Files.writeString(work.resolve("ent-bundle.pem"), read("ent-root.pem") + read("ent-int.pem"));
        assertEquals("ent-leaf.pem: OK", openssl("verify", "-CAfile", "ent-root.pem", "-untrusted", "ent-int.pem", "ent-leaf.pem").trim());

        String refused = addChain("ent-leaf.pem", "ent-int.pem");
        assertTrue(refused.startsWith("400"), "the log does not know the enterprise root yet: " + refused);
    }

    @Test
    @Order(2)
    void badImports_areProblemJson_andStoreNothing() throws Exception {
        // not a CA: a leaf as the bundle's only certificate
        String notCa = problem(importBundle("ent-leaf.pem", "ct"), "400", "policy-violation");
        assertTrue(notCa.contains("is not a CA certificate"), notCa);

        // bad signature: the root with one bit of its signature flipped
        List<String> root = Commands.pemBlocks(read("ent-root.pem"));
        byte[] der = Base64.getMimeDecoder().decode(root.get(0).replaceAll("-----[A-Z ]+-----", ""));
        der[der.length - 5] ^= 0x01;
        Files.writeString(work.resolve("bad-signature.pem"), pem(der) + read("ent-int.pem"));
        String badSignature = problem(importBundle("bad-signature.pem", "ct"), "400", "policy-violation");
        assertTrue(badSignature.contains("signature does not verify"), badSignature);

        // wrong chain: the enterprise intermediate under another root of the same name
        openssl("req", "-x509", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "other-root.key",
                "-config", "ent.cnf", "-extensions", "v3_root", "-subj", "/C=DE/O=Corp/CN=Corp Root CA", "-days", "30", "-out", "other-root.pem");
        Files.writeString(work.resolve("wrong-chain.pem"), read("other-root.pem") + read("ent-int.pem"));
        String wrongChain = problem(importBundle("wrong-chain.pem", "ct"), "400", "policy-violation");
        assertTrue(wrongChain.contains("does not chain to the root"), wrongChain);

        // an unknown purpose, and no certificate at all
        problem(importBundle("ent-bundle.pem", "ct,email"), "400", "malformed-request");
        Files.writeString(work.resolve("empty.pem"), "not a certificate\n");
        problem(importBundle("empty.pem", "ct"), "400", "malformed-request");

        assertEquals(0, TC.count("select count(*) from trust_anchor"));
        assertEquals(0, TC.count("select count(*) from trust_anchor_certificate"));
        assertEquals(0, TC.count("select count(*) from audit_event where action = 'trust_anchor.imported'"));
        assertTrue(admin("-f", BASE + "/api/v1/trust-anchors").expectSuccess().out().contains("\"trust_anchors\":[]"));
    }

    @Test
    @Order(3)
    void import_storesTheAnchor_andTheCtLogAcceptsItsChains() throws Exception {
        Commands.Result r = importBundle("ent-bundle.pem", "ct,client-auth,cross-certification");
        String body = read("import.out");
        assertEquals("201", r.expectSuccess().out(), body);
        anchorId = Long.parseLong(number(body, "id"));
        assertTrue(body.contains("\"status\":\"active\"") && body.contains("\"purposes\":[\"ct\",\"client-auth\",\"cross-certification\"]"),
                body);
        assertTrue(body.contains("\"role\":\"root\"") && body.contains("\"role\":\"intermediate\""), body);
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'trust_anchor.imported'"));
        String shown = admin("-f", BASE + "/api/v1/trust-anchors/" + anchorId).expectSuccess().out();
        assertTrue(shown.contains("Corp Issuing CA"), shown);
        // the same root again while it is active: 409
        problem(importBundle("ent-bundle.pem", "ct"), "409", "conflict");

        String roots = admin("-f", BASE + "/api/v1/ct/roots").expectSuccess().out();
        assertTrue(roots.contains("\"source\":\"trust-anchor\"") && roots.contains("Corp Root CA"), roots);
        String accepted = addChainWithin(15_000, "ent-leaf.pem", "ent-int.pem", "200");
        assertTrue(accepted.contains("\"signature\""), "an SCT: " + accepted);
    }

    @Test
    @Order(4)
    void trustChainsRoot_crossCertifiesTheEnterpriseRoot_soItsRelyingPartiesVerifyTheEnterpriseLeaf() throws Exception {
        Files.writeString(work.resolve("cross.json"),
                "{\"trust_anchor\": " + anchorId + ", \"path_length\": 1, \"permitted_subtrees\": [\"dns:corp.example\"]}");
        Commands.Result r = admin("-o", "cross.pem", "-D", "cross.headers", "-w", "%{http_code}", "-H", "Content-Type: application/json",
                "-H", "Accept: application/pem-certificate-chain", "--data-binary", "@cross.json", BASE + "/api/v1/cross-certificates");
        assertEquals("201", r.expectSuccess().out(), read("cross.pem"));
        String text = openssl("x509", "-in", "cross.pem", "-noout", "-text");
        assertTrue(text.contains("Subject: C = DE, O = Corp, CN = Corp Root CA"), text);
        assertTrue(text.contains("CA:TRUE, pathlen:1") && text.contains("Permitted:") && text.contains("DNS:corp.example"), text);
        String entSki = openssl("x509", "-in", "ent-root.pem", "-noout", "-ext", "subjectKeyIdentifier").lines().skip(1).findFirst().orElseThrow().trim();
        String ourSki = openssl("x509", "-in", data.resolve("root.pem").toString(), "-noout", "-ext", "subjectKeyIdentifier")
                .lines().skip(1).findFirst().orElseThrow().trim();
        assertTrue(text.contains(entSki) && text.contains(ourSki), "SKI theirs, AKI ours: " + text);

        // A relying party that trusts only TrustChain's root: the cross certificate and the enterprise intermediate as untrusted.
        Files.writeString(work.resolve("via-cross.pem"), read("cross.pem") + read("ent-int.pem"));
        assertEquals("ent-leaf.pem: OK", openssl("verify", "-CAfile", data.resolve("root.pem").toString(), "-untrusted", "via-cross.pem",
                "ent-leaf.pem").trim());
        // without the cross certificate it cannot
        Commands.Result without = Commands.run(work, "openssl", "verify", "-CAfile", data.resolve("root.pem").toString(), "-untrusted",
                "ent-int.pem", "ent-leaf.pem");
        assertNotEquals(0, without.exit(), without.out());

        // stored as a certificate of the root: found by its serial, valid, and audited
        Matcher location = Pattern.compile("(?i)location: \\S*/api/v1/ca/certificates/([0-9a-f]+)").matcher(read("cross.headers"));
        assertTrue(location.find(), read("cross.headers"));
        String serial = location.group(1);
        crossSerial = serial;
        String stored = admin("-f", BASE + "/api/v1/ca/certificates/" + serial).expectSuccess().out();
        assertTrue(stored.contains("\"status\":\"valid\"") && stored.contains("\"profile\":\"cross\""), stored);
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'cross_certificate.issued' and object_id = '" + serial + "'"));
        String rootId = Pattern.compile("/ca/([a-z0-9-]+)\\.cer").matcher(openssl("x509", "-in", "cross.pem", "-noout", "-ext", "authorityInfoAccess"))
                .results().findFirst().orElseThrow().group(1);
        String search = admin("-f", BASE + "/api/v1/ca/certificates?issuer=" + rootId + "&status=valid").expectSuccess().out();
        assertTrue(search.contains(serial), "found by a certificate search: " + search);
    }

    @Test
    @Order(5)
    void theEnterpriseRoot_crossCertifiesTrustChainsRoot_fromItsRequest_soItsRelyingPartiesVerifyATrustChainLeaf() throws Exception {
        Commands.Result r = admin("-o", "tc-root.csr", "-w", "%{http_code}", "-X", "POST", BASE + "/api/v1/cross-certificate-request");
        assertEquals("200", r.expectSuccess().out(), read("tc-root.csr"));
        String csr = openssl("req", "-in", "tc-root.csr", "-verify", "-noout", "-subject");
        String rootSubject = openssl("x509", "-in", data.resolve("root.pem").toString(), "-noout", "-subject").trim();
        assertTrue(csr.contains(rootSubject), csr + " vs " + rootSubject);
        assertEquals(openssl("x509", "-in", data.resolve("root.pem").toString(), "-noout", "-pubkey"),
                openssl("req", "-in", "tc-root.csr", "-noout", "-pubkey"), "the request is for the root key");
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'cross_certificate.requested'"));

        // the enterprise signs it as it signs any CA request
        openssl("x509", "-req", "-in", "tc-root.csr", "-CA", "ent-root.pem", "-CAkey", "ent-root.key", "-CAcreateserial",
                "-extfile", "ent.cnf", "-extensions", "v3_cross", "-days", "30", "-out", "ent-cross.pem");

        // a certificate that is not for TrustChain's root key is refused, and nothing is stored
        String notOurs = problem(admin("-o", "bad-cross.out", "-w", "%{http_code}", "--data-binary", "@ent-int.pem",
                BASE + "/api/v1/trust-anchors/" + anchorId + "/cross-certificate"), "bad-cross.out", "400", "policy-violation");
        assertTrue(notOurs.contains("another key"), notOurs);
        assertEquals(0, TC.count("select count(*) from cross_certificate where direction = 'received'"));

        Commands.Result imported = admin("-o", "imported.out", "-w", "%{http_code}", "--data-binary", "@ent-cross.pem",
                BASE + "/api/v1/trust-anchors/" + anchorId + "/cross-certificate");
        assertEquals("201", imported.expectSuccess().out(), read("imported.out"));
        assertTrue(read("imported.out").contains("\"direction\":\"received\""), read("imported.out"));
        String shown = admin("-f", BASE + "/api/v1/trust-anchors/" + anchorId).expectSuccess().out();
        assertTrue(shown.contains("\"direction\":\"issued\"") && shown.contains("\"direction\":\"received\""), shown);

        // a TrustChain leaf, issued as the README shows
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "web.key");
        openssl("req", "-new", "-key", "web.key", "-subj", "/CN=web.hypermesh.online", "-addext", "subjectAltName=DNS:web.hypermesh.online",
                "-out", "web.csr");
        Commands.Result issued = admin("-o", "web-chain.pem", "-w", "%{http_code}", "-H", "Content-Type: application/pkcs10",
                "--data-binary", "@web.csr", BASE + "/api/v1/ca/certificates?profile=server");
        assertEquals("201", issued.expectSuccess().out(), read("web-chain.pem"));
        List<String> chain = Commands.pemBlocks(read("web-chain.pem"));
        Files.writeString(work.resolve("web.pem"), chain.get(0));
        // A relying party that trusts only the enterprise root: TrustChain's intermediate and the enterprise's cross certificate as untrusted.
        Files.writeString(work.resolve("via-ent-cross.pem"), chain.get(1) + read("ent-cross.pem"));
        assertEquals("web.pem: OK", openssl("verify", "-CAfile", "ent-root.pem", "-untrusted", "via-ent-cross.pem", "web.pem").trim());
        Files.writeString(work.resolve("tc-int.pem"), chain.get(1));
        Commands.Result without = Commands.run(work, "openssl", "verify", "-CAfile", "ent-root.pem", "-untrusted", "tc-int.pem", "web.pem");
        assertNotEquals(0, without.exit(), without.out());
    }

    @Test
    @Order(6)
    void anEnterpriseClientCertificate_withABoundUri_authenticatesAsTheAccount() throws Exception {
        Files.writeString(work.resolve("corp-ops.json"), "{\"name\": \"corp-ops\", \"roles\": [\"auditor\"]}");
        assertEquals("201", admin("-o", "account.out", "-w", "%{http_code}", "-H", "Content-Type: application/json", "--data-binary",
                "@corp-ops.json", BASE + "/api/v1/accounts").expectSuccess().out(), read("account.out"));
        Files.writeString(work.resolve("bind.json"), "{\"identifier\": \"spiffe://corp.example/ops\"}");
        assertEquals("201", admin("-o", "bind.out", "-w", "%{http_code}", "-H", "Content-Type: application/json", "--data-binary",
                "@bind.json", BASE + "/api/v1/accounts/corp-ops/client-identities").expectSuccess().out(), read("bind.out"));
        // Issued after the binding (notBefore has whole seconds): a certificate from before it would not count.
        Thread.sleep(1_100);
        issue("ent-client", "/CN=ops", "ent-int", "v3_client", "30");

        // The listener's trust store took the anchor right after its import; ask until the handshake is through.
        String answer = asClientWithin(70_000, "ent-client", "200");
        assertTrue(answer.contains("\"trust_anchors\""), answer);
        // corp-ops is an auditor: reading is allowed, importing is not
        Commands.Result forbidden = Commands.curl(work, data, "--cert", "ent-client.pem", "--key", "ent-client.key", "-o", "client-import.out",
                "-w", "%{http_code}", "-H", PEM_CHAIN, "--data-binary", "@ent-bundle.pem", BASE + "/api/v1/trust-anchors?purposes=ct");
        problem(forbidden, "client-import.out", "403", "forbidden");

        // an enterprise certificate whose URIs are bound to no account is no credential
        String unbound = asClientWithin(10_000, "ent-leaf", "401");
        assertTrue(unbound.contains("is bound to an enabled account"), unbound);
        // nor one that asserts an identifier of TrustChain's own namespace (spiffe://hypermesh.online/...)
        issue("ent-own", "/CN=own", "ent-int", "v3_own", "30");
        String own = asClientWithin(10_000, "ent-own", "401");
        assertTrue(own.contains("own namespace"), own);
    }

    @Test
    @Order(7)
    void deactivation_isAudited_andEndsTheAnchorsPurposes() throws Exception {
        String deactivated = admin("-f", "-X", "DELETE", BASE + "/api/v1/trust-anchors/" + anchorId).expectSuccess().out();
        assertTrue(deactivated.contains("\"status\":\"inactive\"") && deactivated.contains("\"deactivated_by\":\"initial-admin\""), deactivated);
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'trust_anchor.deactivated'"));
        // no more cross certificates for it
        problem(admin("-o", "inactive.out", "-w", "%{http_code}", "-H", "Content-Type: application/json", "--data-binary", "@cross.json",
                BASE + "/api/v1/cross-certificates"), "inactive.out", "409", "conflict");
        // its client certificates no longer authenticate (refused by the authenticator, then in the handshake)
        long deadline = System.currentTimeMillis() + 5_000;
        Commands.Result client;
        do {
            client = Commands.curl(work, data, "--cert", "ent-client.pem", "--key", "ent-client.key", "-o", "client.out", "-w", "%{http_code}",
                    BASE + "/api/v1/trust-anchors");
        } while (client.exit() == 0 && "200".equals(client.out()) && System.currentTimeMillis() < deadline && sleep(200));
        assertTrue(client.exit() != 0 || !"200".equals(client.out()), "refused after deactivation: " + client.out());
        // and the CT log no longer accepts new chains to it
        issue("ent-leaf2", "/CN=app2.corp.example", "ent-int", "v3_leaf", "30");
        String refused = addChainWithin(15_000, "ent-leaf2.pem", "ent-int.pem", "400");
        assertTrue(refused.startsWith("400"), refused);
    }

    @Test
    @Order(8)
    void theCrossCertificate_isRevokedLikeAnyCertificate_onTheRootsCrlAndOcsp() throws Exception {
        Files.writeString(work.resolve("revoke.json"), "{\"reason\": \"cessationOfOperation\"}");
        Commands.Result r = admin("-o", "revoke.out", "-w", "%{http_code}", "-H", "Content-Type: application/json", "--data-binary",
                "@revoke.json", BASE + "/api/v1/ca/certificates/" + crossSerial + "/revoke");
        assertEquals("200", r.expectSuccess().out(), read("revoke.out"));
        assertTrue(admin("-f", BASE + "/api/v1/ca/certificates/" + crossSerial).expectSuccess().out().contains("\"status\":\"revoked\""));
        String rootId = Pattern.compile("/ca/([a-z0-9-]+)\\.cer").matcher(openssl("x509", "-in", "cross.pem", "-noout", "-ext", "authorityInfoAccess"))
                .results().findFirst().orElseThrow().group(1);
        String crlUrl = "http://[::1]:" + (8080 + OFFSET) + "/crl/" + rootId + ".crl";
        long deadline = System.currentTimeMillis() + 20_000;
        String crl;
        do {
            Commands.run(work, "curl", "-sS", "-f", "-o", "root.crl", crlUrl).expectSuccess();
            crl = openssl("crl", "-inform", "der", "-in", "root.crl", "-noout", "-text");
        } while (!crl.toLowerCase().contains(crossSerial) && System.currentTimeMillis() < deadline && sleep(1_000));
        assertTrue(crl.toLowerCase().contains(crossSerial), "the root's CRL lists the cross certificate " + crossSerial + ": " + crl);
        // and the root's OCSP responder answers revoked for it
        String ocsp = openssl("ocsp", "-issuer", data.resolve("root.pem").toString(), "-cert", "cross.pem", "-url",
                "http://[::1]:" + (8080 + OFFSET) + "/ocsp", "-CAfile", data.resolve("root.pem").toString());
        assertTrue(ocsp.contains("cross.pem: revoked"), ocsp);
    }

    // --- helpers ---

    /** The enterprise CA issues {@code name}.pem for a new P-256 key with the profile {@code extensions}. */
    private static void issue(String name, String subject, String issuer, String extensions, String days) {
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", name + ".key", "-config", "ent.cnf",
                "-subj", subject, "-out", name + ".csr");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", issuer + ".pem", "-CAkey", issuer + ".key", "-CAcreateserial", "-extfile",
                "ent.cnf", "-extensions", extensions, "-days", days, "-out", name + ".pem");
    }

    /** GET /api/v1/trust-anchors with the client certificate {@code name}.pem until it answers {@code status}; the body. */
    private static String asClientWithin(long millis, String name, String status) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        String last;
        do {
            Commands.Result r = Commands.curl(work, data, "--cert", name + ".pem", "--key", name + ".key", "-o", "client.out", "-w", "%{http_code}",
                    BASE + "/api/v1/trust-anchors");
            last = r.exit() + " " + r.out() + " " + r.err();
            if (r.exit() == 0 && status.equals(r.out())) {
                return read("client.out");
            }
            Thread.sleep(1_000);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("the client certificate " + name + " did not get " + status + " within " + millis + " ms: " + last);
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Commands.Result importBundle(String file, String purposes) {
        return admin("-o", "import.out", "-w", "%{http_code}", "-H", PEM_CHAIN, "--data-binary", "@" + file,
                BASE + "/api/v1/trust-anchors?name=corp&purposes=" + purposes);
    }

    private static String problem(Commands.Result r, String status, String slug) throws Exception {
        return problem(r, "import.out", status, slug);
    }

    private static String problem(Commands.Result r, String file, String status, String slug) throws Exception {
        String body = read(file);
        assertEquals(status, r.expectSuccess().out(), body);
        assertTrue(body.contains("\"status\":" + status) && body.contains(slug) && body.contains("\"detail\""), body);
        return body;
    }

    /** add-chain with curl; "<status> <body>". */
    private static String addChain(String... files) throws Exception {
        List<String> chain = new ArrayList<>();
        for (String f : files) {
            openssl("x509", "-in", f, "-outform", "der", "-out", f + ".der");
            chain.add("\"" + Base64.getEncoder().encodeToString(Files.readAllBytes(work.resolve(f + ".der"))) + "\"");
        }
        Files.writeString(work.resolve("add-chain.json"), "{\"chain\": [" + String.join(", ", chain) + "]}");
        Commands.Result r = Commands.curl(work, data, "-o", "add-chain.out", "-w", "%{http_code}", "-H", "Content-Type: application/json",
                "--data-binary", "@add-chain.json", CT + "add-chain").expectSuccess();
        return r.out() + " " + read("add-chain.out");
    }

    /** add-chain until it answers {@code status} (the log reloads its roots after a change), at most {@code millis}. */
    private static String addChainWithin(long millis, String leaf, String intermediate, String status) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        String last;
        do {
            last = addChain(leaf, intermediate);
            if (last.startsWith(status)) {
                return last;
            }
            Thread.sleep(500);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("add-chain did not answer " + status + " within " + millis + " ms: " + last);
    }

    private static String openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        return Commands.run(work, command).expectSuccess().out();
    }

    private static String read(String file) throws Exception {
        return Files.readString(work.resolve(file));
    }

    private static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }

    private static String number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    private static Commands.Result admin(String... args) {
        List<String> withToken = new ArrayList<>(List.of("-H", "Authorization: Bearer " + Commands.adminToken(data)));
        withToken.addAll(List.of(args));
        return Commands.curl(work, data, withToken.toArray(new String[0]));
    }
}
