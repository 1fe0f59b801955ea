package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SCEP (RFC 8894) from the outside with Debian's scepclient (micromdm), as the README shows: its
 * own TrustChain on port offset 2700, SCEP on the plain HTTP listener. curl reads GetCACaps and
 * GetCACert (the RA certificate, issued by the root, and the root); an administrator makes an
 * account and a one-time challenge through REST; scepclient enrolls (the certificate verifies
 * against the root with openssl and carries SCTs) and renews with its certificate. A used, a
 * resent PKCSReq gets the same certificate again; a used (with another key), a
 * wrong, or an out-of-scope request gets a FAILURE CertRep the client reports, and nothing is
 * issued; the out-of-scope request leaves its challenge unused. A CertPoll made with Bouncy
 * Castle (scepclient polls only a PENDING request: EnrollmentApprovalBlackBoxIT) gets the transaction's certificate again,
 * and badCertId for an unknown transaction.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScepBlackBoxIT {
    private static final int OFFSET = 2700;
    private static final String BASE = "https://[::1]:" + (8443 + OFFSET);
    private static final String SCEP = "http://[::1]:" + (8080 + OFFSET) + "/scep";
    private static final String NAME = "device1.scep.hypermesh.online";

    /**
     * Debian's scepclient is built with a Go (1.19) whose x509 parser refuses OID arcs beyond 63
     * bits, like the UUID arc of the example default client policy: the README says to set one
     * under your own arc, as here.
     */
    private static final String CLIENT_POLICY = "1.3.6.1.4.1.32473.7.1";

    @RegisterExtension
    static final BlackBoxServer TC = new BlackBoxServer("scep-blackbox", OFFSET, Map.of("TRUSTCHAIN_CLIENT_POLICY_OID", CLIENT_POLICY));
    private static final Path work = TC.work();
    private static final Path data = TC.data();

    private static String usedChallenge;
    private static String enrolledSerial;

    @Test
    @Order(1)
    void getCaCaps_andGetCaCert_withCurl_overPlainHttp() throws Exception {
        String caps = Commands.run(work, "curl", "-sS", "-f", SCEP + "?operation=GetCACaps").expectSuccess().out();
        assertTrue(caps.lines().toList().containsAll(List.of("AES", "SHA-256", "POSTPKIOperation", "Renewal", "SCEPStandard")), caps);

        String type = Commands.run(work, "curl", "-sS", "-f", "-o", "cacert.p7", "-w", "%{content_type}", SCEP + "?operation=GetCACert")
                .expectSuccess().out();
        assertEquals("application/x-x509-ca-ra-cert", type);
        String certs = Commands.run(work, "openssl", "pkcs7", "-inform", "DER", "-in", "cacert.p7", "-print_certs").expectSuccess().out();
        List<String> pems = Commands.pemBlocks(certs);
        assertEquals(2, pems.size(), "the RA certificate and the root: " + certs);
        Files.writeString(work.resolve("ra.pem"), pems.get(0));
        String ra = Commands.run(work, "openssl", "x509", "-in", "ra.pem", "-noout", "-text").expectSuccess().out();
        assertTrue(ra.contains("TrustChain SCEP RA") && ra.contains("Digital Signature, Key Encipherment") && ra.contains("rsaEncryption")
                && ra.contains("CA:FALSE"), ra);
        assertTrue(Commands.run(work, "openssl", "verify", "-CAfile", data.resolve("root.pem").toString(), "ra.pem").expectSuccess().out()
                .contains("ra.pem: OK"));
        assertEquals(Files.readString(data.resolve("root.pem")).trim(), pems.get(1).trim(), "the second is the root");

        assertEquals("400", Commands.run(work, "curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", SCEP + "?operation=Nonsense")
                .expectSuccess().out());
        // Not a pkiMessage: a plain 400, never a 500.
        Files.write(work.resolve("garbage.der"), new byte[] {0x30, 0x03, 0x02, 0x01, 0x01});
        assertEquals("400", Commands.run(work, "curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--data-binary", "@garbage.der",
                "-H", "Content-Type: application/x-pki-message", SCEP + "?operation=PKIOperation").expectSuccess().out());
    }

    @Test
    @Order(2)
    void anAdministrator_makesAnAccount_andAOneTimeChallenge() throws Exception {
        Files.writeString(work.resolve("devices.json"), "{\"name\": \"scep-devices\", \"roles\": [\"issuer\"], \"scopes\": [{\"type\": \"dns\", "
                + "\"value\": \"scep.hypermesh.online\", \"subdomains\": true}], \"profiles\": [\"client\"], \"regions\": [\"*\"]}");
        admin("-f", "-H", "Content-Type: application/json", "--data-binary", "@devices.json", BASE + "/api/v1/accounts").expectSuccess();
        Commands.Result made = admin("-D", "challenge.headers", "-f", "-X", "POST", BASE + "/api/v1/accounts/scep-devices/scep-challenges")
                .expectSuccess();
        String challenge = field(made.out(), "challenge");
        assertEquals("scep-devices", field(made.out(), "account"));
        assertTrue(Files.readString(work.resolve("challenge.headers")).toLowerCase().contains("cache-control: no-store"));
        assertEquals(1, TC.count("select count(*) from scep_challenge where password_sha256 = sha256(convert_to('" + challenge + "', 'UTF8'))"
                + " and used_at is null"), "only the SHA-256 is stored");
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'scep.challenge.created'"));
        String refused = Commands.curl(work, data, "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST",
                BASE + "/api/v1/accounts/scep-devices/scep-challenges").expectSuccess().out();
        assertEquals("401", refused, "only an administrator makes challenges");
        usedChallenge = challenge;
    }

    @Test
    @Order(3)
    void scepclient_enrolls_theCertificateVerifiesAndCarriesScts() throws Exception {
        Commands.Result r = scepclient("enroll", "-challenge", usedChallenge, "-cn", NAME);
        assertEquals(0, r.exit(), r.out() + r.err());
        enrolledSerial = verifiedSerial(work.resolve("enroll").resolve("cert.pem"));
        assertEquals(1, TC.count("select count(*) from scep_challenge where used_serial = '" + enrolledSerial + "' and used_at is not null"),
                "the challenge is used, by this certificate");
        assertEquals(1, TC.count("select count(*) from certificate c join certificate_request r on r.id = c.request_id where c.serial_number = '"
                + enrolledSerial + "' and r.requested_by = 'scep-devices' and c.profile = 'client'"), "issued to the account, client profile");
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'scep.enrolled' and object_id = '" + enrolledSerial + "'"));
    }

    @Test
    @Order(4)
    void thePkcsReqSentAgain_getsTheSameCertificate_andNothingNewIsIssued() throws Exception {
        // The same key, CSR (with the challenge) and so transactionID, as a client that lost the reply resends it.
        Path again = Files.createDirectories(work.resolve("again"));
        Files.copy(work.resolve("enroll").resolve("key.pem"), again.resolve("key.pem"));
        Files.copy(work.resolve("enroll").resolve("csr.pem"), again.resolve("csr.pem"));
        long before = TC.count("select count(*) from certificate");
        Commands.Result r = scepclientIn(again, "-challenge", usedChallenge, "-cn", NAME);
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals(enrolledSerial, verifiedSerial(again.resolve("cert.pem")));
        assertEquals(before, TC.count("select count(*) from certificate"), "nothing new issued");
    }

    @Test
    @Order(5)
    void aUsedChallenge_andAWrongOne_getAFailure_andNothingIsIssued() throws Exception {
        long before = TC.count("select count(*) from certificate");
        Commands.Result reused = scepclient("reuse", "-challenge", usedChallenge, "-cn", "device2.scep.hypermesh.online");
        assertNotEquals(0, reused.exit(), reused.out() + reused.err());
        assertTrue((reused.out() + reused.err()).contains("failInfo"), "the client reports the FAILURE CertRep: " + reused.out() + reused.err());

        Commands.Result wrong = scepclient("wrong", "-challenge", "not-a-challenge", "-cn", "device3.scep.hypermesh.online");
        assertNotEquals(0, wrong.exit(), wrong.out() + wrong.err());
        assertTrue((wrong.out() + wrong.err()).contains("failInfo"), wrong.out() + wrong.err());

        assertEquals(before, TC.count("select count(*) from certificate"), "nothing issued");
        assertTrue(TC.count("select count(*) from audit_event where action = 'scep.refused' and details->>'fail_info' = 'BAD_REQUEST'") >= 2);
    }

    @Test
    @Order(6)
    void aNameOutsideTheAccountsScopes_isRefused_andLeavesTheChallengeUnused() throws Exception {
        String challenge = field(admin("-f", "-X", "POST", BASE + "/api/v1/accounts/scep-devices/scep-challenges").expectSuccess().out(), "challenge");
        long before = TC.count("select count(*) from certificate");
        Commands.Result r = scepclient("outside", "-challenge", challenge, "-cn", "device.elsewhere.hypermesh.online");
        assertNotEquals(0, r.exit(), r.out() + r.err());
        assertTrue((r.out() + r.err()).contains("failInfo"), r.out() + r.err());
        assertEquals(before, TC.count("select count(*) from certificate"), "nothing issued");
        assertEquals(1, TC.count("select count(*) from scep_challenge where password_sha256 = sha256(convert_to('" + challenge + "', 'UTF8'))"
                + " and used_at is null"), "a refused request stores nothing: the challenge is still unused");

        // ... so it still enrolls a name the account may have.
        Commands.Result ok = scepclient("outside2", "-challenge", challenge, "-cn", "device4.scep.hypermesh.online");
        assertEquals(0, ok.exit(), ok.out() + ok.err());
    }

    @Test
    @Order(7)
    void scepclient_renews_withItsCurrentCertificate_withoutAChallenge() throws Exception {
        Path enrolled = work.resolve("enroll");
        Commands.Result r = scepclientIn(enrolled, "-cn", NAME);
        assertEquals(0, r.exit(), r.out() + r.err());
        String renewed = verifiedSerial(enrolled.resolve("cert.pem"));
        assertNotEquals(enrolledSerial, renewed, "a new certificate");
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'scep.renewed' and object_id = '" + renewed
                + "' and details->>'replaces' = '" + enrolledSerial + "'"));
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'certificate.renewed' and object_id = '" + renewed + "'"));
    }

    @Test
    @Order(8)
    void certPoll_returnsTheTransactionsCertificate_andBadCertIdForAnUnknownOne() throws Exception {
        Path enrolled = work.resolve("enroll");
        java.security.KeyPair key;
        try (org.bouncycastle.openssl.PEMParser pem = new org.bouncycastle.openssl.PEMParser(Files.newBufferedReader(enrolled.resolve("key.pem")))) {
            key = new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter().getKeyPair((org.bouncycastle.openssl.PEMKeyPair) pem.readObject());
        }
        // scepclient's transactionID: base64 of the leftmost 160 bits of SHA-256 of the key (RFC 7093 method 1); the server recorded it.
        byte[] keyBits = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()).getPublicKeyData().getBytes();
        String transactionId = java.util.Base64.getEncoder().encodeToString(
                java.util.Arrays.copyOf(java.security.MessageDigest.getInstance("SHA-256").digest(keyBits), 20));
        assertEquals(1, TC.count("select count(*) from scep_transaction where transaction_id = '" + transactionId + "'"));
        org.bouncycastle.cert.X509CertificateHolder current = new org.bouncycastle.cert.X509CertificateHolder(
                new org.bouncycastle.util.io.pem.PemReader(Files.newBufferedReader(enrolled.resolve("cert.pem"))).readPemObject().getContent());

        Files.write(work.resolve("poll.der"), certPoll(key, transactionId));
        Commands.Result posted = Commands.run(work, "curl", "-sS", "-f", "-o", "poll-reply.der", "-H", "Content-Type: application/x-pki-message",
                "--data-binary", "@poll.der", SCEP + "?operation=PKIOperation").expectSuccess();
        org.bouncycastle.cms.CMSSignedData reply = new org.bouncycastle.cms.CMSSignedData(Files.readAllBytes(work.resolve("poll-reply.der")));
        assertEquals("0", replyAttribute(reply, "3"), "SUCCESS " + posted.err());
        org.bouncycastle.cms.CMSEnvelopedData enveloped = new org.bouncycastle.cms.CMSEnvelopedData((byte[]) reply.getSignedContent().getContent());
        byte[] degenerate = enveloped.getRecipientInfos().getRecipients().iterator().next()
                .getContent(new org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient(key.getPrivate()));
        assertTrue(new org.bouncycastle.cms.CMSSignedData(degenerate).getCertificates().getMatches(null).contains(current),
                "the transaction's (renewed) certificate again");

        // By GET, base64 in the query: an unknown transaction is badCertId.
        String message = java.net.URLEncoder.encode(java.util.Base64.getEncoder().encodeToString(certPoll(key, "no-such-transaction")),
                java.nio.charset.StandardCharsets.US_ASCII);
        Commands.run(work, "curl", "-sS", "-f", "-o", "unknown-reply.der", SCEP + "?operation=PKIOperation&message=" + message).expectSuccess();
        org.bouncycastle.cms.CMSSignedData unknown = new org.bouncycastle.cms.CMSSignedData(Files.readAllBytes(work.resolve("unknown-reply.der")));
        assertEquals("2", replyAttribute(unknown, "3"), "FAILURE");
        assertEquals("4", replyAttribute(unknown, "4"), "badCertId");
    }

    /** A CertPoll (messageType 20) signed with a self-signed certificate for {@code key}, its envelope to the RA, made with Bouncy Castle. */
    private static byte[] certPoll(java.security.KeyPair key, String transactionId) throws Exception {
        org.bouncycastle.asn1.x500.X500Name name = new org.bouncycastle.asn1.x500.X500Name("CN=" + NAME);
        var signer = new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate());
        org.bouncycastle.cert.X509CertificateHolder self = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(name, java.math.BigInteger.TWO,
                new java.util.Date(System.currentTimeMillis() - 60_000), new java.util.Date(System.currentTimeMillis() + 3_600_000), name, key.getPublic())
                .build(signer);
        org.bouncycastle.cert.X509CertificateHolder ra = new org.bouncycastle.cert.X509CertificateHolder(
                new org.bouncycastle.util.io.pem.PemReader(Files.newBufferedReader(work.resolve("ra.pem"))).readPemObject().getContent());
        var envelope = new org.bouncycastle.cms.CMSEnvelopedDataGenerator();
        envelope.addRecipientInfoGenerator(new org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator(
                new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(ra)));
        byte[] issuerAndSubject = new org.bouncycastle.asn1.DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                org.bouncycastle.asn1.x500.X500Name.getInstance(readIssuer()), name}).getEncoded();
        byte[] enveloped = envelope.generate(new org.bouncycastle.cms.CMSProcessableByteArray(issuerAndSubject),
                new org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder(org.bouncycastle.cms.CMSAlgorithm.AES128_CBC).build()).getEncoded();
        var attributes = new org.bouncycastle.asn1.ASN1EncodableVector();
        attributes.add(scepAttribute("2", new org.bouncycastle.asn1.DERPrintableString("20")));
        attributes.add(scepAttribute("7", new org.bouncycastle.asn1.DERPrintableString(transactionId)));
        attributes.add(scepAttribute("5", new org.bouncycastle.asn1.DEROctetString(new byte[16])));
        var generator = new org.bouncycastle.cms.CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new org.bouncycastle.cms.SignerInfoGeneratorBuilder(
                new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder().build())
                .setSignedAttributeGenerator(new org.bouncycastle.cms.DefaultSignedAttributeTableGenerator(
                        new org.bouncycastle.asn1.cms.AttributeTable(attributes))).build(signer, self));
        generator.addCertificate(self);
        return generator.generate(new org.bouncycastle.cms.CMSProcessableByteArray(enveloped), true).getEncoded();
    }

    private static org.bouncycastle.asn1.x500.X500Name readIssuer() throws Exception {
        String intermediate = Commands.curl(work, data, "-f", BASE + "/api/v1/ca/cert").expectSuccess().out();
        return new org.bouncycastle.cert.X509CertificateHolder(new org.bouncycastle.util.io.pem.PemReader(new java.io.StringReader(intermediate))
                .readPemObject().getContent()).getSubject();
    }

    private static org.bouncycastle.asn1.cms.Attribute scepAttribute(String arc, org.bouncycastle.asn1.ASN1Encodable value) {
        return new org.bouncycastle.asn1.cms.Attribute(new org.bouncycastle.asn1.ASN1ObjectIdentifier("2.16.840.1.113733.1.9." + arc),
                new org.bouncycastle.asn1.DERSet(value));
    }

    /** An authenticated attribute of a CertRep, after checking the RA's signature on it. */
    private static String replyAttribute(org.bouncycastle.cms.CMSSignedData reply, String arc) throws Exception {
        org.bouncycastle.cert.X509CertificateHolder ra = new org.bouncycastle.cert.X509CertificateHolder(
                new org.bouncycastle.util.io.pem.PemReader(Files.newBufferedReader(work.resolve("ra.pem"))).readPemObject().getContent());
        var signer = reply.getSignerInfos().getSigners().iterator().next();
        assertTrue(signer.verify(new org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder().build(ra)), "signed by the RA");
        var attribute = signer.getSignedAttributes().get(new org.bouncycastle.asn1.ASN1ObjectIdentifier("2.16.840.1.113733.1.9." + arc));
        return ((org.bouncycastle.asn1.ASN1String) attribute.getAttrValues().getObjectAt(0)).getString();
    }

    // --- helpers ---

    /** scepclient in a directory of its own (it keeps key, CSR and certificate beside the key). */
    private static Commands.Result scepclient(String dir, String... args) throws Exception {
        Path d = work.resolve(dir);
        Files.createDirectories(d);
        return scepclientIn(d, args);
    }

    private static Commands.Result scepclientIn(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("scepclient", "-server-url=" + SCEP, "-private-key", dir.resolve("key.pem").toString(),
                "-certificate", dir.resolve("cert.pem").toString()));
        command.addAll(List.of(args));
        return Commands.run(dir, command);
    }

    /** The certificate verifies against the root through this node's intermediate, carries SCTs and the name; its serial. */
    private static String verifiedSerial(Path certificate) throws Exception {
        String intermediate = Commands.curl(work, data, "-f", BASE + "/api/v1/ca/cert").expectSuccess().out();
        Files.writeString(work.resolve("intermediate.pem"), intermediate);
        Commands.Result verify = Commands.run(work, "openssl", "verify", "-CAfile", data.resolve("root.pem").toString(),
                "-untrusted", "intermediate.pem", certificate.toString()).expectSuccess();
        assertTrue(verify.out().contains(": OK"), verify.out());
        String text = Commands.run(work, "openssl", "x509", "-in", certificate.toString(), "-noout", "-text").expectSuccess().out();
        assertTrue(text.contains("CT Precertificate SCTs") && text.contains("DNS:" + NAME) && text.contains("TLS Web Client Authentication")
                && text.contains("Policy: " + CLIENT_POLICY), text);
        String serial = Commands.run(work, "openssl", "x509", "-in", certificate.toString(), "-noout", "-serial").expectSuccess().out().trim();
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
