package online.hypermesh.trustchain.bridge.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;

/** JWK, JWS and external account binding against the RFCs' own examples. */
class JwsTest {
    /** RFC 7638 section 3.1. */
    private static final JsonObject RFC7638_KEY = Json.createObjectBuilder().add("kty", "RSA")
            .add("n", "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMs"
                    + "tn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91C"
                    + "bOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw")
            .add("e", "AQAB").add("alg", "RS256").add("kid", "2011-04-29").build();

    @Test
    void thumbprint_isRfc7638sExample_andIgnoresOptionalMembers() {
        assertEquals("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", Jwk.parse(RFC7638_KEY).thumbprint());
    }

    /** RFC 8037 appendix A.4: the Ed25519 signature of "Example of Ed25519 signing". */
    @Test
    void ed25519_verifiesRfc8037sExample() {
        JsonObject jws = Json.createObjectBuilder().add("protected", "eyJhbGciOiJFZERTQSJ9").add("payload", "RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc")
                .add("signature", "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg").build();
        Jwk key = Jwk.parse(Json.createObjectBuilder().add("kty", "OKP").add("crv", "Ed25519")
                .add("x", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo").build());
        // Without jwk/kid it is not an ACME request, so check the signature on the signing input directly.
        key.verify("EdDSA", "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc".getBytes(StandardCharsets.US_ASCII),
                Base64Url.decode(jws.getString("signature"), "signature"));
        // RFC 8037 A.3: its thumbprint.
        assertEquals("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", key.thumbprint());
        byte[] forged = Base64Url.decode(jws.getString("signature"), "signature");
        forged[0] ^= 1;
        assertThrows(AcmeProblem.class, () -> key.verify("EdDSA", "eyJhbGciOiJFZERTQSJ9.x".getBytes(StandardCharsets.US_ASCII), forged));
    }

    @Test
    void es256Request_withJwk_verifies_andATamperedOneDoesNot() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        var pair = generator.generateKeyPair();
        Jwk jwk = Jwk.of(SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()));
        JsonObject jwkJson = Json.createReader(new java.io.StringReader(jwk.canonicalJson())).readObject();
        String header = Base64Url.encode(Json.createObjectBuilder().add("alg", "ES256").add("nonce", "n1").add("url", "https://ca/acme/new-account")
                .add("jwk", jwkJson).build().toString().getBytes(StandardCharsets.UTF_8));
        String payload = Base64Url.encode("{\"termsOfServiceAgreed\":true}".getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(pair.getPrivate());
        signer.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        String body = "{\"protected\":\"" + header + "\",\"payload\":\"" + payload + "\",\"signature\":\"" + Base64Url.encode(signer.sign()) + "\"}";

        Jws jws = Jws.parse(body);
        assertEquals("n1", jws.nonce());
        assertEquals("https://ca/acme/new-account", jws.url());
        jws.verify(jws.jwk());
        assertEquals(jwk.thumbprint(), jws.jwk().thumbprint());
        assertEquals(true, jws.payload().getBoolean("termsOfServiceAgreed"));

        String tampered = body.replace(payload, Base64Url.encode("{\"termsOfServiceAgreed\":false}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(AcmeProblem.class, () -> Jws.parse(tampered).verify(jwk));
        AcmeProblem wrongAlg = assertThrows(AcmeProblem.class, () -> jwk.verify("RS256", new byte[1], new byte[64]));
        assertEquals(AcmeProblem.Type.BAD_SIGNATURE_ALGORITHM, wrongAlg.type());
        assertEquals(ECPublicKey.class.isInstance(pair.getPublic()), true);
    }

    @Test
    void malformedBodies_areMalformedProblems() {
        for (String body : new String[] {"", "[]", "{\"protected\":\"e30\",\"payload\":\"\",\"signature\":\"\",\"header\":{}}",
                "{\"protected\":\"eyJhbGciOiJub25lIiwia2lkIjoieCJ9\",\"payload\":\"\",\"signature\":\"\"}",
                "{\"protected\":\"eyJhbGciOiJFUzI1NiJ9\",\"payload\":\"\",\"signature\":\"\"}",
                "{\"protected\":\"e30=\",\"payload\":\"\",\"signature\":\"\"}"}) {
            AcmeProblem p = assertThrows(AcmeProblem.class, () -> Jws.parse(body), body);
            assertEquals(p.type() == AcmeProblem.Type.BAD_SIGNATURE_ALGORITHM ? 400 : 400, p.status());
        }
    }

    @Test
    void externalAccountBinding_verifiesHs256_andRefusesAnotherKeyOrUrl() throws Exception {
        Jwk account = Jwk.parse(RFC7638_KEY);
        byte[] macKey = "an external account MAC key, 32b".getBytes(StandardCharsets.US_ASCII);
        String url = "https://ca/acme/new-account";
        JsonObject binding = eab("kid-1", url, account.canonicalJson(), macKey);
        assertEquals("kid-1", ExternalAccountBinding.verify(binding, account, url, kid -> kid.equals("kid-1") ? macKey : null));

        assertEquals(AcmeProblem.Type.UNAUTHORIZED, assertThrows(AcmeProblem.class,
                () -> ExternalAccountBinding.verify(binding, account, url, kid -> new byte[32])).type());
        assertEquals(AcmeProblem.Type.UNAUTHORIZED, assertThrows(AcmeProblem.class,
                () -> ExternalAccountBinding.verify(binding, account, url, kid -> null)).type());
        assertEquals(AcmeProblem.Type.MALFORMED, assertThrows(AcmeProblem.class,
                () -> ExternalAccountBinding.verify(binding, account, "https://other/acme/new-account", kid -> macKey)).type());
    }

    private static JsonObject eab(String kid, String url, String jwk, byte[] key) throws Exception {
        String header = Base64Url.encode(("{\"alg\":\"HS256\",\"kid\":\"" + kid + "\",\"url\":\"" + url + "\"}").getBytes(StandardCharsets.UTF_8));
        String payload = Base64Url.encode(jwk.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String signature = Base64Url.encode(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII)));
        return Json.createObjectBuilder().add("protected", header).add("payload", payload).add("signature", signature).build();
    }

    @Test
    void identifiers_areCanonicalDnsNames() {
        assertEquals("web.hypermesh.online", Identifiers.canonical("Web.HyperMesh.Online"));
        assertEquals("xn--bcher-kva.hypermesh.online", Identifiers.canonical("bücher.hypermesh.online"));
        assertEquals("*.hypermesh.online", Identifiers.canonical("*.hypermesh.online"));
        for (String bad : new String[] {"online", "web.hypermesh.online.", "a..b", "-a.b", "a_b.c"}) {
            assertEquals(AcmeProblem.Type.REJECTED_IDENTIFIER, assertThrows(AcmeProblem.class, () -> Identifiers.canonical(bad), bad).type());
        }
    }
}
