package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.est.CACertsResponse;
import org.bouncycastle.est.CSRAttributesResponse;
import org.bouncycastle.est.ESTException;
import org.bouncycastle.est.ESTService;
import org.bouncycastle.est.EnrollmentResponse;
import org.bouncycastle.est.jcajce.JcaHttpAuthBuilder;
import org.bouncycastle.est.jcajce.JcaJceUtils;
import org.bouncycastle.est.jcajce.JsseESTServiceBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * EST (RFC 7030) from the outside on its own TrustChain (port offset 2800): curl and openssl exactly
 * as the RFC puts requests on the wire (base64 DER bodies, application/pkcs10, Basic or a TLS
 * client certificate), and Bouncy Castle's own EST client ({@code JsseESTServiceBuilder}) for
 * cacerts, csrattrs, simpleEnroll, simpleReenroll and server-side key generation. An administrator makes the account 'est-web'
 * through REST with a token (the Basic password) and binds a SPIFFE ID for its client certificates.
 * Issued certificates verify with openssl against the root and carry SCTs; a name outside the
 * account's scopes is refused (403), audited, and nothing is stored.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EstBlackBoxIT {
    private static final int OFFSET = 2800;
    private static final int PORT = 8443 + OFFSET;
    private static final String BASE = "https://[::1]:" + PORT;
    private static final String EST = BASE + "/.well-known/est/";
    private static final String ACCOUNT = "est-web";
    private static final String NAME = "device1.est.hypermesh.online";
    private static final String CURL_URI = "spiffe://hypermesh.online/est/curl";
    private static final String BC_URI = "spiffe://hypermesh.online/est/bc";

    @RegisterExtension
    static final BlackBoxServer TC = new BlackBoxServer("est-blackbox", OFFSET);
    private static final Path work = TC.work();
    private static final Path data = TC.data();

    private static String token;

    static {
        // Bouncy Castle's EST client looks its algorithms up by the provider name "BC" (the client's JVM, not the server's).
        if (java.security.Security.getProvider("BC") == null) {
            java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        }
    }

    @Test
    @Order(1)
    void cacerts_isABase64CertsOnlyPkcs7_withTheIntermediatesAndTheRoot_forAnyone() throws Exception {
        Commands.Result r = sh("curl -sS -D cacerts.headers --cacert " + root() + " " + EST + "cacerts | base64 -d"
                + " | openssl pkcs7 -inform DER -print_certs -out cacerts.pem");
        r.expectSuccess();
        String headers = Files.readString(work.resolve("cacerts.headers")).toLowerCase();
        assertTrue(headers.startsWith("http/1.1 200") || headers.startsWith("http/2 200"), headers);
        assertTrue(headers.contains("content-type: application/pkcs7-mime") && headers.contains("content-transfer-encoding: base64"), headers);
        String pems = Files.readString(work.resolve("cacerts.pem"));
        List<String> blocks = Commands.pemBlocks(pems);
        assertEquals(4, blocks.size(), "three regional intermediates and the root: " + pems);
        assertTrue(pems.replaceAll("\\s", "").contains(Files.readString(root()).replaceAll("-----[A-Z ]+-----|\\s", "")), "the root");
        // The label selects a profile; every profile's CA certificates are the same; an unknown label is 404.
        assertEquals("200", code("-o", "server-cacerts.b64", EST + "server/cacerts"));
        assertEquals("404", code("-o", "nolabel.txt", EST + "nosuchprofile/cacerts"));
        assertTrue(Files.readString(work.resolve("nolabel.txt")).contains("no EST label 'nosuchprofile'"));
    }

    @Test
    @Order(2)
    void anAdministrator_makesTheAccount_itsToken_andBindsItsClientIdentifiers() throws Exception {
        Files.writeString(work.resolve("account.json"), "{\"name\": \"" + ACCOUNT + "\", \"roles\": [\"issuer\"], \"scopes\": ["
                + "{\"type\": \"dns\", \"value\": \"est.hypermesh.online\", \"subdomains\": true},"
                + "{\"type\": \"uri\", \"value\": \"spiffe://hypermesh.online/est/\"}],"
                + " \"profiles\": [\"server\", \"client\", \"service\"], \"regions\": [\"*\"]}");
        admin("-f", "-H", "Content-Type: application/json", "--data-binary", "@account.json", BASE + "/api/v1/accounts").expectSuccess();
        Files.writeString(work.resolve("token.json"), "{\"name\": \"est\"}");
        token = field(admin("-f", "-H", "Content-Type: application/json", "--data-binary", "@token.json",
                BASE + "/api/v1/accounts/" + ACCOUNT + "/tokens").expectSuccess().out(), "token");
        for (String uri : List.of(CURL_URI, BC_URI)) {
            Files.writeString(work.resolve("bind.json"), "{\"identifier\": \"" + uri + "\"}");
            admin("-f", "-H", "Content-Type: application/json", "--data-binary", "@bind.json",
                    BASE + "/api/v1/accounts/" + ACCOUNT + "/client-identities").expectSuccess();
        }
        // The key and request of curl's client certificate (issued in a later step, after the binding).
        csr("curl-client", "/", "URI:" + CURL_URI);
    }

    @Test
    @Order(3)
    void simpleenroll_withBasic_issuesACertificateThatVerifiesAndCarriesScts() throws Exception {
        csr("device1", "/CN=" + NAME, "DNS:" + NAME);
        Commands.Result r = sh("curl -sS -D enroll.headers --cacert " + root() + " -u " + ACCOUNT + ":" + token
                + " -H 'Content-Type: application/pkcs10' --data-binary @device1.b64 " + EST + "simpleenroll"
                + " | base64 -d | openssl pkcs7 -inform DER -print_certs -out device1.pem");
        r.expectSuccess();
        String headers = Files.readString(work.resolve("enroll.headers")).toLowerCase();
        assertTrue(headers.replace("; ", ";").contains("content-type: application/pkcs7-mime;smime-type=certs-only"), headers);
        assertTrue(headers.contains("content-transfer-encoding: base64"), headers);
        assertEquals(1, Commands.pemBlocks(Files.readString(work.resolve("device1.pem"))).size(), "only the issued certificate (4.2.3)");
        String text = verified("device1.pem");
        assertTrue(text.contains("DNS:" + NAME) && text.contains("TLS Web Server Authentication"), text);
        String serial = serial("device1.pem");
        String status = admin("-f", BASE + "/api/v1/ca/certificates/" + serial).expectSuccess().out();
        assertTrue(status.contains("\"status\":\"valid\"") && status.contains("\"profile\":\"server\""), status);
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'certificate.issued' and actor = '" + ACCOUNT + "'"));
    }

    @Test
    @Order(4)
    void refusals_areTextWithTheirStatus_andStoreNothing() throws Exception {
        long certificates = TC.count("select count(*) from certificate");
        long requests = TC.count("select count(*) from certificate_request");
        // No credential: 401 with the Basic challenge.
        assertEquals("401", code("-D", "noauth.headers", "-o", "noauth.txt", "-H", "Content-Type: application/pkcs10",
                "--data-binary", "@device1.b64", EST + "simpleenroll"));
        String headers = Files.readString(work.resolve("noauth.headers")).toLowerCase();
        assertTrue(headers.contains("www-authenticate: basic realm=\"trustchain-est\""), headers);
        // The token of another account, or a wrong one.
        assertEquals("401", code("-o", "wronguser.txt", "-u", "initial-admin:" + token, "-H", "Content-Type: application/pkcs10",
                "--data-binary", "@device1.b64", EST + "simpleenroll"));
        assertTrue(Files.readString(work.resolve("wronguser.txt")).contains("no valid token of account 'initial-admin'"));
        assertEquals("401", code("-o", "wrongtoken.txt", "-u", ACCOUNT + ":nope", "-H", "Content-Type: application/pkcs10",
                "--data-binary", "@device1.b64", EST + "simpleenroll"));
        // A name outside the account's scopes: the registration authority refuses and audits it.
        csr("outside", "/CN=www.example.com", "DNS:www.example.com");
        assertEquals("403", basic("outside.txt", "outside.b64", EST + "simpleenroll"));
        assertTrue(Files.readString(work.resolve("outside.txt")).contains("'www.example.com' is outside the scopes of account '" + ACCOUNT + "'"),
                Files.readString(work.resolve("outside.txt")));
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'certificate.refused' and actor = '" + ACCOUNT + "'"));
        // A URI under the client label that the CSR's profile forbids, bad base64, raw DER, the wrong type, an unknown label.
        assertEquals("400", basic("uri-server.txt", "curl-client.b64", EST + "simpleenroll"), "a URI SAN under the server profile");
        Files.writeString(work.resolve("garbage.b64"), "this is not base64!");
        assertEquals("400", basic("garbage.txt", "garbage.b64", EST + "simpleenroll"));
        assertTrue(Files.readString(work.resolve("garbage.txt")).contains("not base64"));
        assertEquals("400", basic("der.txt", "device1.der", EST + "simpleenroll"));
        Files.writeString(work.resolve("notcsr.b64"), Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("400", basic("notcsr.txt", "notcsr.b64", EST + "simpleenroll"));
        assertEquals("415", code("-o", "type.txt", "-u", ACCOUNT + ":" + token, "-H", "Content-Type: application/json",
                "--data-binary", "@device1.b64", EST + "simpleenroll"));
        assertEquals("404", basic("label.txt", "device1.b64", EST + "nosuchprofile/simpleenroll"));
        assertEquals("404", basic("fullcmc.txt", "device1.b64", EST + "fullcmc"));
        assertTrue(Files.readString(work.resolve("fullcmc.txt")).contains("no EST operation 'fullcmc'"), Files.readString(work.resolve("fullcmc.txt")));
        assertEquals("404", code("-o", "op.txt", EST + "client/nosuchoperation"));
        // Re-enrollment and server key generation want the TLS client certificate, not Basic.
        assertEquals("401", basic("reenroll-basic.txt", "device1.b64", EST + "simplereenroll"));
        assertEquals("401", basic("keygen-basic.txt", "device1.b64", EST + "serverkeygen"));
        assertEquals(certificates, TC.count("select count(*) from certificate"), "nothing issued");
        assertEquals(requests, TC.count("select count(*) from certificate_request"), "no request stored");
    }

    @Test
    @Order(5)
    void withATlsClientCertificate_enroll_reenrollWithTheSameNames_andServerKeyGeneration() throws Exception {
        // The client certificate itself comes by EST with Basic, under the client label.
        assertEquals("200", basic("curl-client.b64.out", "curl-client.b64", EST + "client/simpleenroll"));
        sh("base64 -d curl-client.b64.out | openssl pkcs7 -inform DER -print_certs -out curl-client.pem").expectSuccess();
        String text = verified("curl-client.pem");
        assertTrue(text.contains("URI:" + CURL_URI) && text.contains("TLS Web Client Authentication"), text);
        String first = serial("curl-client.pem");

        // mutual TLS as the account, no Basic: a server certificate.
        csr("device2", "/CN=device2.est.hypermesh.online", "DNS:device2.est.hypermesh.online");
        assertEquals("200", withCertificate("curl-client", "device2.out", "device2.b64", EST + "simpleenroll"));
        sh("base64 -d device2.out | openssl pkcs7 -inform DER -print_certs -out device2.pem").expectSuccess();
        assertTrue(verified("device2.pem").contains("DNS:device2.est.hypermesh.online"));

        // Re-enrollment: another subject or SAN is refused (4.2.2), the same ones renew the certificate.
        csr("reenroll-other", "/", "URI:" + CURL_URI + "/other");
        assertEquals("400", withCertificate("curl-client", "reenroll-other.txt", "reenroll-other.b64", EST + "simplereenroll"));
        assertTrue(Files.readString(work.resolve("reenroll-other.txt")).contains("subjectAltName"));
        csr("reenroll", "/", "URI:" + CURL_URI);
        assertEquals("200", withCertificate("curl-client", "reenroll.out", "reenroll.b64", EST + "simplereenroll"),
                Files.readString(work.resolve("reenroll.out")));
        sh("base64 -d reenroll.out | openssl pkcs7 -inform DER -print_certs -out curl-client2.pem").expectSuccess();
        verified("curl-client2.pem");
        String renewed = serial("curl-client2.pem");
        assertNotEquals(first, renewed);
        String status = admin("-f", BASE + "/api/v1/ca/certificates/" + renewed).expectSuccess().out();
        assertTrue(status.contains("\"replaces\":\"" + first + "\""), status);
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'certificate.renewed' and object_id = '" + renewed + "'"));
        // A server-profile certificate has no clientAuth: it is no TLS client credential, so it cannot re-enroll itself.
        csr("device1-again", "/CN=" + NAME, "DNS:" + NAME);
        Commands.Result server = Commands.curl(work, data, "-o", "server-reenroll.txt", "-w", "%{http_code}", "--cert", "device1.pem",
                "--key", "device1.key", "-H", "Content-Type: application/pkcs10", "--data-binary", "@device1-again.b64", EST + "simplereenroll");
        assertTrue(server.exit() != 0 || server.out().equals("401"), server.exit() + " " + server.out() + server.err());
        // A service certificate (serverAuth and clientAuth, DNS names, bound to nothing) re-enrolls as the account it was issued to.
        csr("svc", "/CN=svc.est.hypermesh.online", "DNS:svc.est.hypermesh.online");
        assertEquals("200", basic("svc.out", "svc.b64", EST + "service/simpleenroll"));
        sh("base64 -d svc.out | openssl pkcs7 -inform DER -print_certs -out svc.pem").expectSuccess();
        csr("svc2", "/CN=svc.est.hypermesh.online", "DNS:svc.est.hypermesh.online");
        assertEquals("200", withCertificate("svc", "svc2.out", "svc2.b64", EST + "service/simplereenroll"), Files.readString(work.resolve("svc2.out")));
        sh("base64 -d svc2.out | openssl pkcs7 -inform DER -print_certs -out svc2.pem").expectSuccess();
        String svcText = verified("svc2.pem");
        assertTrue(svcText.contains("TLS Web Server Authentication, TLS Web Client Authentication"), svcText);
        assertTrue(admin("-f", BASE + "/api/v1/ca/certificates/" + serial("svc2.pem")).expectSuccess().out()
                .contains("\"replaces\":\"" + serial("svc.pem") + "\""));
        // It is no credential for anything but its own renewal.
        assertEquals("401", withCertificate("svc", "svc-enroll.txt", "device2.b64", EST + "simpleenroll"));
        // Once revoked, it renews nothing.
        csr("svc3", "/CN=svc.est.hypermesh.online", "DNS:svc.est.hypermesh.online");
        Files.writeString(work.resolve("revoke.json"), "{\"reason\": \"keyCompromise\"}");
        admin("-f", "-H", "Content-Type: application/json", "--data-binary", "@revoke.json",
                BASE + "/api/v1/ca/certificates/" + serial("svc2.pem") + "/revoke").expectSuccess();
        Thread.sleep(1_100);
        assertEquals("401", withCertificate("svc2", "svc3.txt", "svc3.b64", EST + "simplereenroll"));
        assertTrue(Files.readString(work.resolve("svc3.txt")).contains("revoked"), Files.readString(work.resolve("svc3.txt")));

        // A certificate is renewed once: the same request again is a conflict.
        assertEquals("409", withCertificate("curl-client", "again.txt", "reenroll.b64", EST + "simplereenroll"));

        // Server-side key generation: the key and the certificate for it, multipart/mixed; the key is not kept.
        csr("keygen", "/CN=gen.est.hypermesh.online", "DNS:gen.est.hypermesh.online");
        assertEquals("200", code("-D", "keygen.headers", "-o", "keygen.out", "--cert", "curl-client2.pem", "--key", "reenroll.key",
                "-H", "Content-Type: application/pkcs10", "--data-binary", "@keygen.b64", EST + "serverkeygen"));
        String type = Files.readString(work.resolve("keygen.headers"));
        Matcher boundary = Pattern.compile("(?i)content-type: multipart/mixed; ?boundary=\"?([^\"\\r\\n]+)").matcher(type);
        assertTrue(boundary.find(), type);
        String[] parts = Files.readString(work.resolve("keygen.out")).split("--" + Pattern.quote(boundary.group(1)));
        assertTrue(parts[1].contains("Content-Type: application/pkcs8"), parts[1]);
        assertTrue(parts[2].contains("Content-Type: application/pkcs7-mime; smime-type=certs-only"), parts[2]);
        assertTrue(type.toLowerCase().contains("content-transfer-encoding") == false, "the parts say their encoding, the reply not: " + type);
        Files.writeString(work.resolve("gen.key.b64"), parts[1].substring(parts[1].indexOf("\r\n\r\n") + 4));
        Files.writeString(work.resolve("gen.p7.b64"), parts[2].substring(parts[2].indexOf("\r\n\r\n") + 4));
        sh("tr -d '\\r' < gen.key.b64 | base64 -d | openssl pkey -inform DER -pubout -out gen.pub").expectSuccess();
        sh("tr -d '\\r' < gen.p7.b64 | base64 -d | openssl pkcs7 -inform DER -print_certs -out gen.pem").expectSuccess();
        assertTrue(verified("gen.pem").contains("DNS:gen.est.hypermesh.online"));
        sh("openssl x509 -in gen.pem -noout -pubkey -out gen-cert.pub").expectSuccess();
        assertEquals(Files.readString(work.resolve("gen.pub")), Files.readString(work.resolve("gen-cert.pub")), "the key is the certificate's");
    }

    @Test
    @Order(6)
    void bouncyCastlesEstClient_cacerts_csrattrs_simpleEnroll_simpleReenroll() throws Exception {
        X509Certificate rootCertificate = x509(Files.readAllBytes(root()));
        var trust = JcaJceUtils.getCertPathTrustManager(Set.of(new TrustAnchor(rootCertificate, null)), null);
        ESTService anonymous = new JsseESTServiceBuilder("localhost:" + PORT, trust).withTLSVersion("TLSv1.3").build();

        CACertsResponse caCerts = anonymous.getCACerts();
        X509CertificateHolder[] cas = ESTService.storeToArray(caCerts.getCertificateStore());
        assertEquals(4, cas.length);
        assertTrue(List.of(cas).contains(new X509CertificateHolder(rootCertificate.getEncoded())), "the root");

        CSRAttributesResponse attributes = anonymous.getCSRAttributes().getAttributesResponse();
        assertTrue(attributes.hasRequirement(X9ObjectIdentifiers.id_ecPublicKey) && attributes.isAttribute(X9ObjectIdentifiers.id_ecPublicKey));
        assertTrue(attributes.hasRequirement(X9ObjectIdentifiers.ecdsa_with_SHA256));
        sh("curl -sS --cacert " + root() + " " + EST + "csrattrs | base64 -d | openssl asn1parse -inform DER > csrattrs.txt").expectSuccess();
        String asn1 = Files.readString(work.resolve("csrattrs.txt"));
        assertTrue(asn1.contains("id-ecPublicKey") && asn1.contains("prime256v1") && asn1.contains("ecdsa-with-SHA256"), asn1);
        // Derived from the label's profile: the extended key usage its certificates carry (an RFC 9908 Extensions template).
        assertEquals(List.of(KeyPurposeId.id_kp_serverAuth), purposes(attributes));
        CSRAttributesResponse forClients = new JsseESTServiceBuilder("localhost:" + PORT, trust).withTLSVersion("TLSv1.3").withLabel("client")
                .build().getCSRAttributes().getAttributesResponse();
        assertEquals(List.of(KeyPurposeId.id_kp_clientAuth), purposes(forClients));

        // simpleEnroll with Basic under the client label: BC answers the 401 challenge with the account and token.
        ESTService client = new JsseESTServiceBuilder("localhost:" + PORT, trust).withTLSVersion("TLSv1.3").withLabel("client").build();
        KeyPair first = ecKey();
        EnrollmentResponse enrolled = client.simpleEnroll(false, request(first, BC_URI),
                new JcaHttpAuthBuilder("trustchain-est", ACCOUNT, token.toCharArray()).build());
        assertTrue(enrolled.isCompleted());
        X509CertificateHolder[] issued = ESTService.storeToArray(enrolled.getStore());
        assertEquals(1, issued.length);
        String firstPem = pem(issued[0]);
        Files.writeString(work.resolve("bc-client.pem"), firstPem);
        verified("bc-client.pem");

        // A name outside the scopes, through BC: it sees the 403, nothing is issued.
        long before = TC.count("select count(*) from certificate");
        ESTException refused = assertThrows(ESTException.class, () -> client.simpleEnroll(false,
                request(ecKey(), "spiffe://hypermesh.online/payments/x"), new JcaHttpAuthBuilder("trustchain-est", ACCOUNT, token.toCharArray()).build()));
        assertEquals(403, refused.getStatusCode());
        assertEquals(before, TC.count("select count(*) from certificate"));

        // simpleReenroll authenticated by that certificate in the TLS handshake, for a new key and the same names.
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        X509Certificate intermediate = issuerOf(issued[0], cas);
        store.setKeyEntry("est", first.getPrivate(), "x".toCharArray(),
                new java.security.cert.Certificate[] {x509(issued[0].getEncoded()), intermediate});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "x".toCharArray());
        ESTService withCertificate = new JsseESTServiceBuilder("localhost:" + PORT, trust).withTLSVersion("TLSv1.3")
                .withKeyManagers(keys.getKeyManagers()).withLabel("client").build();
        EnrollmentResponse reenrolled = withCertificate.simpleEnroll(true, request(ecKey(), BC_URI), null);
        X509CertificateHolder renewed = ESTService.storeToArray(reenrolled.getStore())[0];
        assertNotEquals(issued[0].getSerialNumber(), renewed.getSerialNumber());
        assertEquals(issued[0].getSubject(), renewed.getSubject());
        Files.writeString(work.resolve("bc-client2.pem"), pem(renewed));
        assertTrue(verified("bc-client2.pem").contains("URI:" + BC_URI));
        assertEquals(1, TC.count("select count(*) from audit_event where action = 'certificate.renewed' and details->>'replaces' = '"
                + serial("bc-client.pem") + "'"));

        // Server-side key generation through BC: it parses the multipart reply into the key and the certificate.
        EnrollmentResponse generated = withCertificate.simpleEnrollWithServersideCreation(request(ecKey(), BC_URI + "/generated"), null);
        assertTrue(generated.getPrivateKeyInfo() != null, "the private key part");
        X509CertificateHolder generatedCertificate = ESTService.storeToArray(generated.getStore())[0];
        java.security.PrivateKey key = new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter().getPrivateKey(generated.getPrivateKeyInfo());
        java.security.Signature sign = java.security.Signature.getInstance("SHA256withECDSA");
        sign.initSign(key);
        sign.update(new byte[] {1, 2, 3});
        byte[] signature = sign.sign();
        java.security.Signature check = java.security.Signature.getInstance("SHA256withECDSA");
        check.initVerify(x509(generatedCertificate.getEncoded()).getPublicKey());
        check.update(new byte[] {1, 2, 3});
        assertTrue(check.verify(signature), "the generated key is the certificate's");
        Files.writeString(work.resolve("bc-generated.pem"), pem(generatedCertificate));
        assertTrue(verified("bc-generated.pem").contains("URI:" + BC_URI + "/generated"));
    }

    // --- helpers ---

    /** The README's recipe: openssl req -newkey ... -outform DER | base64, as RFC 7030 clients send it; and the DER alone. */
    private static void csr(String file, String subject, String san) {
        sh("openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout " + file + ".key -subj '" + subject
                + "' -addext subjectAltName=" + san + " -outform DER | base64 > " + file + ".b64").expectSuccess();
        sh("base64 -d " + file + ".b64 > " + file + ".der").expectSuccess();
    }

    /** The certificate's text after openssl verified it against the root (intermediates from cacerts) and found SCTs. */
    private static String verified(String pem) throws Exception {
        Commands.Result verify = Commands.run(work, "openssl", "verify", "-CAfile", root().toString(), "-untrusted", "cacerts.pem", pem)
                .expectSuccess();
        assertTrue(verify.out().contains(pem + ": OK"), verify.out());
        String text = Commands.run(work, "openssl", "x509", "-in", pem, "-noout", "-text").expectSuccess().out();
        assertTrue(text.contains("CT Precertificate SCTs"), text);
        return text;
    }

    private static String serial(String pem) {
        String serial = Commands.run(work, "openssl", "x509", "-in", pem, "-noout", "-serial").expectSuccess().out().trim();
        return serial.substring(serial.indexOf('=') + 1).toLowerCase().replaceFirst("^0+(?=.)", "");
    }

    private static PKCS10CertificationRequest request(KeyPair key, String uri) throws Exception {
        var builder = new JcaPKCS10CertificationRequestBuilder(new X500Name(new org.bouncycastle.asn1.x500.RDN[0]), key.getPublic());
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri)));
        builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate issuerOf(X509CertificateHolder leaf, X509CertificateHolder[] cas) throws Exception {
        for (X509CertificateHolder ca : cas) {
            if (ca.getSubject().equals(leaf.getIssuer())) {
                return new JcaX509CertificateConverter().getCertificate(ca);
            }
        }
        throw new AssertionError("no issuer of " + leaf.getSubject() + " in cacerts");
    }

    private static X509Certificate x509(byte[] encoded) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(encoded));
    }

    private static String pem(X509CertificateHolder certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    private static Path root() {
        return data.resolve("root.pem");
    }

    private static Commands.Result sh(String script) {
        return Commands.run(work, "bash", "-o", "pipefail", "-c", script);
    }

    /** curl's status code; the body to {@code -o} as the arguments say. */
    private static String code(String... args) {
        List<String> all = new ArrayList<>(List.of("-w", "%{http_code}"));
        all.addAll(List.of(args));
        return Commands.curl(work, data, all.toArray(String[]::new)).expectSuccess().out();
    }

    private static String basic(String out, String body, String url) {
        return code("-o", out, "-u", ACCOUNT + ":" + token, "-H", "Content-Type: application/pkcs10", "--data-binary", "@" + body, url);
    }

    private static String withCertificate(String file, String out, String body, String url) {
        return code("-o", out, "--cert", file + ".pem", "--key", file + ".key", "-H", "Content-Type: application/pkcs10", "--data-binary", "@" + body, url);
    }

    private static Commands.Result admin(String... args) {
        List<String> all = new ArrayList<>(List.of("-H", "Authorization: Bearer " + TC.token()));
        all.addAll(List.of(args));
        return Commands.curl(work, data, all.toArray(String[]::new));
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    /** The extended key usages a CsrAttrs's extensionRequest template names. */
    private static List<KeyPurposeId> purposes(CSRAttributesResponse attributes) throws Exception {
        for (var element : org.bouncycastle.asn1.ASN1Sequence.getInstance(attributes.getEncoded())) {
            if (element instanceof org.bouncycastle.asn1.ASN1Sequence seq
                    && org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.pkcs_9_at_extensionRequest.equals(seq.getObjectAt(0))) {
                var extensions = org.bouncycastle.asn1.x509.Extensions.getInstance(
                        org.bouncycastle.asn1.pkcs.Attribute.getInstance(seq).getAttrValues().getObjectAt(0));
                return List.of(org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(extensions).getUsages());
            }
        }
        throw new AssertionError("no extensionRequest in the CsrAttrs");
    }
}
