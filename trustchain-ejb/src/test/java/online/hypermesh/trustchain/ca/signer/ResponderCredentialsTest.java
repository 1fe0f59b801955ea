package online.hypermesh.trustchain.ca.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.crypto.soft.InMemoryWrappedKeyStore;
import online.hypermesh.trustchain.core.crypto.soft.SoftwareCryptoToken;
import online.hypermesh.trustchain.core.revocation.DelegatedResponderIssuer;
import online.hypermesh.trustchain.core.revocation.OcspResponderCredential;
import online.hypermesh.trustchain.core.revocation.ResponderCertificateLinter;
import online.hypermesh.trustchain.core.revocation.ResponderCertificateSigner;
import online.hypermesh.trustchain.core.x509.CertificateLinter;
import online.hypermesh.trustchain.core.x509.CertificateSigner;
import online.hypermesh.trustchain.core.x509.HierarchyFactory;
import online.hypermesh.trustchain.core.x509.IssuingAuthority;

/** The signer answers OCSP only with a responder key certified for OCSP by the CA it answers for. */
class ResponderCredentialsTest {
    private static SoftwareCryptoToken token;
    private static IssuingAuthority root;
    private static IssuingAuthority east;
    private static IssuingAuthority west;
    private static OcspResponderCredential eastResponder;
    private static OcspResponderCredential westResponder;

    @BeforeAll
    static void hierarchy() {
        token = new SoftwareCryptoToken(new InMemoryWrappedKeyStore(), "responder-test-secret-0123".toCharArray(), Clock.systemUTC());
        HierarchyFactory factory = new HierarchyFactory(token, new CertificateLinter(token::publicKey), new CertificateSigner(token),
                Clock.systemUTC(), "http://localhost:8080");
        root = factory.createRoot("root-g1", new X500Name("C=US,O=TrustChain,CN=Responder Test Root"), KeyType.EC_P384, Duration.ofDays(3650));
        east = factory.createIntermediate(root, "east-g1", new X500Name("C=US,O=TrustChain,CN=East"), KeyType.EC_P384, Duration.ofDays(1000));
        west = factory.createIntermediate(root, "west-g1", new X500Name("C=US,O=TrustChain,CN=West"), KeyType.EC_P384, Duration.ofDays(1000));
        DelegatedResponderIssuer issuer = new DelegatedResponderIssuer(token, new ResponderCertificateLinter(),
                new ResponderCertificateSigner(token), Clock.systemUTC());
        eastResponder = issuer.issue(east, "ocsp-east-g1-1", Duration.ofDays(4));
        westResponder = issuer.issue(west, "ocsp-west-g1-1", Duration.ofDays(4));
    }

    @Test
    void registeredResponders_ofTheirOwnAuthority_areUsed() {
        assertEquals(List.of(eastResponder, westResponder), new ResponderCredentials(token).registered(List.of(eastResponder, westResponder)));
    }

    @Test
    void aCaKeyOrTheCtKey_isNeverUsedToAnswerOcsp() {
        // The responder certificate with the authority's own key alias: the names fit, the key is a CA key.
        OcspResponderCredential caKey = new OcspResponderCredential(east, eastResponder.certificate(), east.keyAlias(), KeyType.EC_P384);
        token.generateKey(CaSigner.CT_LOG_KEY_ALIAS, KeyType.EC_P256);
        OcspResponderCredential ctKey = new OcspResponderCredential(east, eastResponder.certificate(), CaSigner.CT_LOG_KEY_ALIAS, KeyType.EC_P256);
        assertTrue(new ResponderCredentials(token).registered(List.of(caKey, ctKey)).isEmpty());
    }

    @Test
    void aResponderOfAnotherAuthority_cannotSpeakForThisOne() {
        OcspResponderCredential borrowed = new OcspResponderCredential(east, westResponder.certificate(), westResponder.keyAlias(),
                westResponder.keyType());
        assertTrue(new ResponderCredentials(token).registered(List.of(borrowed)).isEmpty());
    }

    @Test
    void aResponderKeyUnderAnotherResponderAlias_isRefused() {
        // West's responder certificate presented with east's responder key: the token holds another key under that alias.
        OcspResponderCredential mismatched = new OcspResponderCredential(west, westResponder.certificate(), eastResponder.keyAlias(),
                eastResponder.keyType());
        assertTrue(new ResponderCredentials(token).registered(List.of(mismatched)).isEmpty());
    }
}
