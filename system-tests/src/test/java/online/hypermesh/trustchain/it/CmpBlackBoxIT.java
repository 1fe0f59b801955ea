package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cmp.CMPObjectIdentifiers;
import org.bouncycastle.asn1.cmp.GenRepContent;
import org.bouncycastle.asn1.cmp.InfoTypeAndValue;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CMP from the outside with the machine's {@code openssl cmp} (OpenSSL 3), as the README shows:
 * its own TrustChain on port offset 2900, CMP over plain HTTP at /pkix/. An administrator makes
 * an account and a shared secret through REST; openssl enrolls with ir (certConf and pkiConf
 * follow) and p10cr (implicit confirmation; the same request replayed is refused), updates the
 * key with kur, revokes with rr and asks for the CA certificates with genm. Every certificate verifies against the root and carries
 * SCTs. Requests signed with certificates the CA issued enroll, update and revoke, answered under
 * the CA's CMP protection certificate. A wrong secret, a name outside the account's scopes, a
 * foreign or revoked signer and a body that is no PKIMessage get CMP errors, and nothing is issued; a certConf that rejects the
 * certificate revokes it, and so does no certConf within the confirmation wait time.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CmpBlackBoxIT {
    private static final int OFFSET = 2900;
    private static final String BASE = "https://[::1]:" + (8443 + OFFSET);
    private static final String SERVER = "[::1]:" + (8080 + OFFSET);
    private static final String ZONE = "cmp.hypermesh.online";

    @RegisterExtension
    static final BlackBoxServer TC = new BlackBoxServer("cmp-blackbox", OFFSET, java.util.Map.of("TRUSTCHAIN_CMP_CONFIRM_WAIT_SECONDS", "10"));
    private static final Path work = TC.work();
    private static final Path data = TC.data();

    private static String reference;
    private static String secret;
    private static String irSerial;
    private static String kurSerial;

    @Test
    @Order(1)
    void anAdministrator_makesAnAccount_andASharedSecret() throws Exception {
        Files.writeString(work.resolve("cmp.json"), "{\"name\": \"cmp-web\", \"roles\": [\"issuer\"], \"scopes\": [{\"type\": \"dns\", \"value\": \""
                + ZONE + "\", \"subdomains\": true}], \"profiles\": [\"server\"], \"regions\": [\"*\"]}");
        admin("-f", "-H", "Content-Type: application/json", "--data-binary", "@cmp.json", BASE + "/api/v1/accounts").expectSuccess();
        Commands.Result made = admin("-D", "secret.headers", "-f", "-X", "POST", BASE + "/api/v1/accounts/cmp-web/cmp-secrets").expectSuccess();
        reference = field(made.out(), "reference");
        secret = field(made.out(), "secret");
        assertEquals("cmp-web", field(made.out(), "account"), made.out());
        assertTrue(Files.readString(work.resolve("secret.headers")).toLowerCase().contains("cache-control: no-store"));
        String refused = TC.curl("-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", BASE + "/api/v1/accounts/cmp-web/cmp-secrets")
                .expectSuccess().out();
        assertEquals("401", refused, "only an administrator makes secrets");
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'cmp.secret.created'"));
    }

    @Test
    @Order(2)
    void ir_issuesACertificate_confirmedByCertConf() throws Exception {
        key("ir.key");
        Commands.Result r = cmp("-cmd", "ir", "-newkey", "ir.key", "-subject", "/CN=www." + ZONE, "-sans", "api." + ZONE,
                "-certout", "ir.pem", "-extracertsout", "ir-extra.pem", "-cacertsout", "ir-capubs.pem");
        assertEquals(0, r.exit(), r.out() + r.err());
        irSerial = verified("ir.pem", "ir-extra.pem", "www." + ZONE, "api." + ZONE);
        assertEquals(Files.readString(data.resolve("root.pem")).trim(), Commands.pemBlocks(Files.readString(work.resolve("ir-capubs.pem"))).get(0).trim(),
                "caPubs carries the root");
        assertEquals(1, TC.count("select count(*) from cmp_transaction where serial_number = '" + irSerial + "' and state = 'confirmed'"),
                "openssl sent certConf and the server answered pkiConf");
        assertEquals(1, TC.count("select count(*) from certificate_request r join certificate c on c.request_id = r.id"
                + " where c.serial_number = '" + irSerial + "' and r.requested_by = 'cmp-web'"), "issued to the secret's account");
    }

    @Test
    @Order(3)
    void p10cr_withImplicitConfirm_needsNoCertConf_andItsReplayIsRefused() throws Exception {
        key("p10.key");
        Commands.run(work, "openssl", "req", "-new", "-key", "p10.key", "-subj", "/CN=p10." + ZONE, "-out", "p10.csr").expectSuccess();
        Commands.Result r = cmp("-cmd", "p10cr", "-csr", "p10.csr", "-implicit_confirm", "-certout", "p10.pem", "-extracertsout", "p10-extra.pem",
                "-reqout", "p10-request.der");
        assertEquals(0, r.exit(), r.out() + r.err());
        String serial = verified("p10.pem", "p10-extra.pem", "p10." + ZONE);
        assertEquals(1, TC.count("select count(*) from cmp_transaction where serial_number = '" + serial + "' and state = 'confirmed'"),
                "implicitly confirmed");

        // The same request again (a replay: its MAC still verifies) finds its transactionID in use; nothing is issued.
        long before = TC.count("select count(*) from certificate");
        Commands.run(work, "curl", "-sS", "-o", "replay-reply.der", "-H", "Content-Type: application/pkixcmp", "--data-binary", "@p10-request.der",
                "http://" + SERVER + "/pkix/").expectSuccess();
        PKIMessage replay = PKIMessage.getInstance(Files.readAllBytes(work.resolve("replay-reply.der")));
        assertEquals(PKIBody.TYPE_ERROR, replay.getBody().getType());
        assertEquals(org.bouncycastle.asn1.cmp.PKIFailureInfo.transactionIdInUse, org.bouncycastle.asn1.cmp.ErrorMsgContent
                .getInstance(replay.getBody().getContent()).getPKIStatusInfo().getFailInfo().intValue());
        assertNotNull(replay.getProtection(), "the sender was authenticated: the error is protected");
        assertEquals(before, TC.count("select count(*) from certificate"));
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'cmp.certificate.issued' and object_id = '" + serial
                + "' and details->>'confirmation' = 'implicit'"));
    }

    @Test
    @Order(4)
    void kur_replacesTheIrCertificate_withANewKey() throws Exception {
        key("kur.key");
        Commands.Result r = cmp("-cmd", "kur", "-oldcert", "ir.pem", "-newkey", "kur.key", "-certout", "kur.pem", "-extracertsout", "kur-extra.pem");
        assertEquals(0, r.exit(), r.out() + r.err());
        kurSerial = verified("kur.pem", "kur-extra.pem", "www." + ZONE, "api." + ZONE);
        assertNotEquals(irSerial, kurSerial);
        String old = admin("-f", BASE + "/api/v1/ca/certificates/" + kurSerial).expectSuccess().out();
        assertTrue(old.contains(irSerial), "the renewal is linked to its predecessor: " + old);
        assertNotEquals(Commands.run(work, "openssl", "x509", "-in", "ir.pem", "-noout", "-pubkey").expectSuccess().out(),
                Commands.run(work, "openssl", "x509", "-in", "kur.pem", "-noout", "-pubkey").expectSuccess().out(), "a new key");
    }

    @Test
    @Order(5)
    void rr_revokesWithTheReasonGiven() throws Exception {
        Commands.Result r = cmp("-cmd", "rr", "-oldcert", "kur.pem", "-revreason", "1");
        assertEquals(0, r.exit(), r.out() + r.err());
        String status = admin("-f", BASE + "/api/v1/ca/certificates/" + kurSerial).expectSuccess().out();
        assertTrue(status.contains("\"status\":\"revoked\"") && status.contains("keyCompromise"), status);
        Commands.Result again = cmp("-cmd", "rr", "-oldcert", "kur.pem", "-revreason", "1");
        assertNotEquals(0, again.exit(), "revoked already: " + again.out() + again.err());
        assertTrue((again.out() + again.err()).contains("already revoked"), again.out() + again.err());
    }

    @Test
    @Order(6)
    void genm_caCerts_returnsTheIssuingCasAndTheRoot() throws Exception {
        Commands.Result r = cmp("-cmd", "genm", "-infotype", "caCerts", "-rspout", "genp.der");
        assertEquals(0, r.exit(), r.out() + r.err());
        PKIMessage genp = PKIMessage.getInstance(Files.readAllBytes(work.resolve("genp.der")));
        assertEquals(PKIBody.TYPE_GEN_REP, genp.getBody().getType());
        InfoTypeAndValue value = GenRepContent.getInstance(genp.getBody().getContent()).toInfoTypeAndValueArray()[0];
        assertEquals(CMPObjectIdentifiers.id_it_caCerts, value.getInfoType());
        ASN1Sequence certificates = ASN1Sequence.getInstance(value.getInfoValue());
        String rootPem = Files.readString(data.resolve("root.pem"));
        byte[] root = java.util.Base64.getMimeDecoder().decode(rootPem.replaceAll("-----[A-Z ]+-----", ""));
        assertArrayEquals(root, certificates.getObjectAt(certificates.size() - 1).toASN1Primitive().getEncoded(), "the root comes last");
        assertTrue(certificates.size() >= 2, "the issuing CAs and the root");
    }

    @Test
    @Order(7)
    void aWrongSecret_getsBadMessageCheck_andNothingIsIssued() throws Exception {
        long before = TC.count("select count(*) from certificate");
        key("wrong.key");
        Commands.Result r = Commands.run(work, command("-cmd", "ir", "-newkey", "wrong.key", "-subject", "/CN=wrong." + ZONE,
                "-certout", "wrong.pem", "-secret", "pass:not-the-secret", "-ref", reference));
        assertNotEquals(0, r.exit(), r.out() + r.err());
        assertTrue((r.out() + r.err()).contains("unknown senderKID or wrong secret"), r.out() + r.err());
        assertEquals(before, TC.count("select count(*) from certificate"), "nothing issued");
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'cmp.request.refused' and details->>'reference' = '"
                + reference + "' and details->>'failure' = '" + org.bouncycastle.asn1.cmp.PKIFailureInfo.badMessageCheck + "'"));
    }

    @Test
    @Order(8)
    void aNameOutsideTheScopes_isRejected_notAuthorized_andNothingIsStored() throws Exception {
        long certificates = TC.count("select count(*) from certificate");
        long requests = TC.count("select count(*) from certificate_request");
        long transactions = TC.count("select count(*) from cmp_transaction");
        key("evil.key");
        // Without -unprotected_errors: openssl shows the error only because its MAC verified with the account's secret.
        Commands.Result r = Commands.run(work, List.of("openssl", "cmp", "-server", SERVER, "-path", "pkix/", "-ref", reference,
                "-secret", "pass:" + secret, "-cmd", "ir", "-newkey", "evil.key", "-subject", "/CN=evil.example.org", "-certout", "evil.pem"));
        assertNotEquals(0, r.exit(), r.out() + r.err());
        String said = r.out() + r.err();
        assertTrue(said.contains("outside the scopes of account 'cmp-web'") && said.contains("notAuthorized"), said);
        assertEquals(certificates, TC.count("select count(*) from certificate"), "nothing issued");
        assertEquals(requests, TC.count("select count(*) from certificate_request"), "no request stored");
        assertEquals(transactions, TC.count("select count(*) from cmp_transaction"), "no transaction stored");
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'certificate.refused' and details->>'names' = 'evil.example.org'"));
    }

    @Test
    @Order(9)
    void aCertConfRejectingTheCertificate_revokesIt() throws Exception {
        // openssl rejects a new certificate it cannot verify with -out_trusted: here a stranger's self-signed certificate.
        key("stranger.key");
        Commands.run(work, "openssl", "req", "-x509", "-new", "-key", "stranger.key", "-subj", "/CN=stranger", "-days", "1", "-out", "stranger.pem")
                .expectSuccess();
        key("rejected.key");
        Commands.Result r = cmp("-cmd", "cr", "-newkey", "rejected.key", "-subject", "/CN=rejected." + ZONE, "-out_trusted", "stranger.pem",
                "-certout", "rejected.pem");
        assertNotEquals(0, r.exit(), r.out() + r.err());
        assertEquals(1, TC.count("select count(*) from cmp_transaction where state = 'rejected'"), r.out() + r.err());
        assertEquals(1, TC.count("select count(*) from certificate c join cmp_transaction t on t.serial_number = c.serial_number"
                + " where t.state = 'rejected' and c.status = 'revoked' and c.revocation_reason = 'cessationOfOperation'"));
    }

    /**
     * Signature-based protection (RFC 9483 3.2) with certificates this CA issued to the account:
     * openssl signs a cr with the p10cr certificate, a kur with the certificate it updates and an
     * rr; each answer is signed by the CA's CMP protection certificate, which openssl checks against
     * the root alone. A certificate of another PKI, a revoked one, and a kur signed by another
     * certificate than the one it updates are refused with the PKIFailureInfo that says why.
     */
    @Test
    @Order(10)
    void signedRequests_withACertificateThisCaIssued_enrollUpdateAndRevoke() throws Exception {
        String root = data.resolve("root.pem").toString();
        String p10Serial = serialOf("p10.pem");
        key("sig.key");
        Commands.Result cr = signed("p10.pem", "p10.key", "-cmd", "cr", "-newkey", "sig.key", "-subject", "/CN=sig." + ZONE,
                "-certout", "sig.pem", "-extracertsout", "sig-extra.pem");
        assertEquals(0, cr.exit(), cr.out() + cr.err());
        List<String> extra = Commands.pemBlocks(Files.readString(work.resolve("sig-extra.pem")));
        Files.writeString(work.resolve("protection.pem"), extra.get(0) + "\n");
        String protection = Commands.run(work, "openssl", "x509", "-in", "protection.pem", "-noout", "-subject", "-ext",
                "keyUsage,extendedKeyUsage,basicConstraints").expectSuccess().out();
        assertTrue(protection.contains("TrustChain CMP") && protection.contains("Digital Signature") && protection.contains("CA:FALSE")
                && (protection.contains("1.3.6.1.5.5.7.3.27") || protection.contains("CMC Certificate Authority")), protection);
        assertFalse(protection.contains("Certificate Sign"), protection);
        assertTrue(Commands.run(work, "openssl", "verify", "-CAfile", root, "-untrusted", "sig-extra.pem", "protection.pem").expectSuccess()
                .out().contains("OK"), "the protection certificate chains to the root");
        String sigSerial = verifiedChain("sig.pem", "sig-extra.pem", "sig." + ZONE);
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'cmp.certificate.issued' and object_id = '" + sigSerial
                + "' and actor = 'cmp-web' and details->>'protection_certificate' = '" + p10Serial + "'"), "issued to the signer's account");
        assertEquals(1, TC.count("select count(*) from cmp_transaction where serial_number = '" + sigSerial + "' and state = 'confirmed'"),
                "the certConf was signed too, and confirmed");
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'cmp.protection-certificate.issued'"));

        key("sig2.key");
        Commands.Result kur = signed("sig.pem", "sig.key", "-cmd", "kur", "-newkey", "sig2.key", "-certout", "sig2.pem",
                "-extracertsout", "sig2-extra.pem");
        assertEquals(0, kur.exit(), kur.out() + kur.err());
        String sig2Serial = verifiedChain("sig2.pem", "sig2-extra.pem", "sig." + ZONE);
        assertNotEquals(sigSerial, sig2Serial);

        Commands.Result otherSigner = signed("p10.pem", "p10.key", "-cmd", "kur", "-oldcert", "sig2.pem", "-newkey", "sig.key",
                "-certout", "never.pem");
        assertNotEquals(0, otherSigner.exit());
        assertTrue((otherSigner.out() + otherSigner.err()).contains("badCertId")
                && (otherSigner.out() + otherSigner.err()).contains("signed with the certificate it updates"), otherSigner.out() + otherSigner.err());

        Commands.Result rr = signed("sig2.pem", "sig2.key", "-cmd", "rr", "-oldcert", "sig2.pem", "-revreason", "4");
        assertEquals(0, rr.exit(), rr.out() + rr.err());
        String status = admin("-f", BASE + "/api/v1/ca/certificates/" + sig2Serial).expectSuccess().out();
        assertTrue(status.contains("\"status\":\"revoked\"") && status.contains("superseded"), status);

        long before = TC.count("select count(*) from certificate");
        key("rev.key");
        Commands.Result revoked = signed("sig2.pem", "sig2.key", "-cmd", "cr", "-newkey", "rev.key", "-subject", "/CN=rev." + ZONE,
                "-certout", "never.pem");
        assertNotEquals(0, revoked.exit());
        assertTrue((revoked.out() + revoked.err()).contains("certRevoked"), revoked.out() + revoked.err());

        // A certificate of another PKI (openssl leaves a self-signed one out of extraCerts, so a CA and a leaf under it).
        key("stranger-ca.key");
        Commands.run(work, "openssl", "req", "-x509", "-new", "-key", "stranger-ca.key", "-subj", "/CN=Stranger CA", "-days", "1",
                "-out", "stranger-ca.pem").expectSuccess();
        Commands.run(work, "openssl", "req", "-new", "-key", "rev.key", "-subj", "/CN=stranger." + ZONE, "-out", "stranger.csr").expectSuccess();
        Files.writeString(work.resolve("stranger.ext"), "basicConstraints = critical, CA:FALSE\nkeyUsage = critical, digitalSignature\n");
        Commands.run(work, "openssl", "x509", "-req", "-in", "stranger.csr", "-CA", "stranger-ca.pem", "-CAkey", "stranger-ca.key",
                "-CAcreateserial", "-days", "1", "-extfile", "stranger.ext", "-out", "stranger.pem").expectSuccess();
        Commands.Result stranger = signed("stranger.pem", "rev.key", "-cmd", "cr", "-newkey", "rev.key", "-subject", "/CN=rev." + ZONE,
                "-certout", "never.pem");
        assertNotEquals(0, stranger.exit());
        assertTrue((stranger.out() + stranger.err()).contains("signerNotTrusted")
                && (stranger.out() + stranger.err()).contains("is not one this CA issued"), stranger.out() + stranger.err());
        assertEquals(before, TC.count("select count(*) from certificate"), "nothing issued for the refused requests");
    }

    @Test
    @Order(11)
    void aBodyThatIsNoPkiMessage_gets400_withACmpError() throws Exception {
        Files.writeString(work.resolve("junk.der"), "not a PKIMessage");
        Commands.Result r = Commands.run(work, "curl", "-sS", "-o", "junk-reply.der", "-w", "%{http_code} %{content_type}", "-H",
                "Content-Type: application/pkixcmp", "--data-binary", "@junk.der", "http://" + SERVER + "/pkix/").expectSuccess();
        assertEquals("400 application/pkixcmp", r.out());
        PKIMessage reply = PKIMessage.getInstance(Files.readAllBytes(work.resolve("junk-reply.der")));
        assertEquals(PKIBody.TYPE_ERROR, reply.getBody().getType());
    }

    @Test
    @Order(12)
    void theReadmeCommands_runAsPasted() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("### CMP (RFC 4210, RFC 9483)");
        assertTrue(section > 0, "the README's CMP section");
        int begin = readme.indexOf("```sh\n", section) + "```sh\n".length();
        String script = readme.substring(begin, readme.indexOf("\n```", begin))
                .replace("]:8443/", "]:" + (8443 + OFFSET) + "/").replace("[::1]:8080", SERVER);
        Path dir = Files.createDirectories(work.resolve("readme"));
        Files.writeString(dir.resolve("cmp.sh"), "set -euo pipefail\nD=" + data + "\n" + script + "\n");
        Commands.Result r = Commands.run(dir, "bash", "cmp.sh");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("ir.pem: OK"), r.out());
        for (String file : List.of("ir.pem", "p10.pem", "kur.pem", "genp.der", "root-from-cmp.pem")) {
            assertTrue(Files.size(dir.resolve(file)) > 0, file);
        }
        assertEquals(2, TC.count("select count(*) from audit_event where action = 'cmp.secret.created'"));
    }

    @Test
    @Order(13)
    void aCertificateWhoseCertConfNeverComes_isRevokedAfterTheWaitTime() throws Exception {
        key("unconfirmed.key");
        Commands.Result r = cmp("-cmd", "ir", "-newkey", "unconfirmed.key", "-subject", "/CN=unconfirmed." + ZONE, "-disable_confirm",
                "-certout", "unconfirmed.pem", "-extracertsout", "unconfirmed-extra.pem", "-rspout", "unconfirmed-ip.der");
        assertEquals(0, r.exit(), r.out() + r.err());
        String serial = verified("unconfirmed.pem", "unconfirmed-extra.pem", "unconfirmed." + ZONE);
        PKIMessage ip = PKIMessage.getInstance(Files.readAllBytes(work.resolve("unconfirmed-ip.der")));
        assertEquals(CMPObjectIdentifiers.it_confirmWaitTime, ip.getHeader().getGeneralInfo()[0].getInfoType(), "the ip says how long the CA waits");
        assertEquals(1, TC.count("select count(*) from cmp_transaction where serial_number = '" + serial + "' and state = 'waiting'"));
        long deadline = System.currentTimeMillis() + 60_000;
        while (TC.count("select count(*) from cmp_transaction where serial_number = '" + serial + "' and state = 'expired'") == 0
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(1000);
        }
        String status = admin("-f", BASE + "/api/v1/ca/certificates/" + serial).expectSuccess().out();
        assertTrue(status.contains("\"status\":\"revoked\"") && status.contains("cessationOfOperation"), status);
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'cmp.certificate.unconfirmed' and object_id = '" + serial + "'"));
    }

    // --- helpers ---

    /** openssl cmp against the test's server with the account's shared secret; errors are shown even though unprotected. */
    private static Commands.Result cmp(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-ref", reference, "-secret", "pass:" + secret));
        return Commands.run(work, command(all.toArray(String[]::new)));
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl", "cmp", "-server", SERVER, "-path", "pkix/", "-unprotected_errors"));
        command.addAll(List.of(args));
        return command;
    }

    /** openssl cmp signing the request with {@code certificate}'s key and checking the answer's signature against the root. */
    private static Commands.Result signed(String certificate, String key, String... args) {
        List<String> all = new ArrayList<>(List.of("-cert", certificate, "-key", key, "-trusted", data.resolve("root.pem").toString()));
        all.addAll(List.of(args));
        return Commands.run(work, command(all.toArray(String[]::new)));
    }

    private static void key(String file) {
        Commands.run(work, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", file).expectSuccess();
    }

    /** Verifies {@code leaf} against the root with the chain from extraCerts, checks its names and SCTs; returns its serial. */
    private static String verified(String leaf, String extraCerts, String... names) throws Exception {
        List<String> chain = Commands.pemBlocks(Files.readString(work.resolve(extraCerts)));
        assertEquals(1, chain.size(), "extraCerts: the issuing intermediate");
        return verifiedChain(leaf, extraCerts, names);
    }

    /** As {@link #verified}, for an answer signed by the protection certificate: extraCerts holds it first, then the intermediate. */
    private static String verifiedChain(String leaf, String extraCerts, String... names) throws Exception {
        Commands.Result verify = Commands.run(work, "openssl", "verify", "-CAfile", data.resolve("root.pem").toString(),
                "-untrusted", extraCerts, leaf).expectSuccess();
        assertTrue(verify.out().contains(leaf + ": OK"), verify.out());
        String text = Commands.run(work, "openssl", "x509", "-in", leaf, "-noout", "-text").expectSuccess().out();
        assertTrue(text.contains("CT Precertificate SCTs"), text);
        for (String name : names) {
            assertTrue(text.contains("DNS:" + name), name + " in " + text);
        }
        return serialOf(leaf);
    }

    private static String serialOf(String certificate) {
        String serial = Commands.run(work, "openssl", "x509", "-in", certificate, "-noout", "-serial").expectSuccess().out().trim();
        return serial.substring(serial.indexOf('=') + 1).toLowerCase().replaceFirst("^0+(?=.)", "");
    }

    private static Commands.Result admin(String... args) {
        List<String> all = new ArrayList<>(List.of("-H", "Authorization: Bearer " + TC.token()));
        all.addAll(List.of(args));
        return Commands.curl(work, data, all.toArray(String[]::new));
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }
}
