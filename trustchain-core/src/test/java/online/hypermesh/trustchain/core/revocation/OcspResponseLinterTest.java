package online.hypermesh.trustchain.core.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.BouncyCastle;
import online.hypermesh.trustchain.core.x509.KeyIdentifiers;

/** The checks on the exact ResponseData bytes before a responder key signs them. */
class OcspResponseLinterTest {
    private static RevocationTestCa ca;
    private static OcspResponderCredential responder;
    private static DigestCalculatorProvider digests;
    private static OcspResponseLinter linter;

    @BeforeAll
    static void setUp() throws Exception {
        ca = RevocationTestCa.shared();
        responder = DelegatedResponderIssuerTest.newIssuer(ca).issue(ca.intermediate, DelegatedResponderIssuerTest.freshAlias(), Duration.ofDays(4));
        digests = new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build();
        linter = new OcspResponseLinter(digests);
    }

    /** The ResponseData DER that Bouncy Castle's builder hands a signer, captured without signing. */
    private static byte[] responseData(byte[] responderKeyHash, X509CertificateHolder certIdIssuer, CertificateStatus status,
                                       Instant thisUpdate, Instant nextUpdate, Instant producedAt) throws Exception {
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(new ResponderID(new DEROctetString(responderKeyHash))));
        CertificateID id = new CertificateID(digests.get(CertificateID.HASH_SHA1), certIdIssuer, BigInteger.valueOf(0x1234567890L));
        builder.addResponse(id, status, Date.from(thisUpdate), nextUpdate == null ? null : Date.from(nextUpdate), null);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        builder.build(new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return responder.keyType().signingAlgorithm().algorithmIdentifier();
            }

            @Override
            public OutputStream getOutputStream() {
                return captured;
            }

            @Override
            public byte[] getSignature() {
                return new byte[] {0};
            }
        }, null, Date.from(producedAt));
        return captured.toByteArray();
    }

    private static byte[] ownKeyHash() {
        return KeyIdentifiers.of(responder.certificate().getSubjectPublicKeyInfo());
    }

    private static String problems(byte[] responseData, Instant now) {
        TrustChainException e = assertThrows(TrustChainException.class, () -> linter.lint(responseData, responder, now));
        assertEquals(ErrorKind.LINT_FAILURE, e.kind());
        return e.getMessage();
    }

    @Test
    void lint_acceptsAGoodAnswerForTheRespondersOwnCa() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        linter.lint(responseData(ownKeyHash(), ca.intermediate.certificate(), CertificateStatus.GOOD, now, now.plus(Duration.ofHours(8)), now),
                responder, now);
    }

    @Test
    void lint_refusesGoodForACertificateOfAnotherCa_butAllowsUnknown() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String message = problems(responseData(ownKeyHash(), ca.root.certificate(), CertificateStatus.GOOD, now, now.plusSeconds(600), now), now);
        assertTrue(message.contains("a CA that did not certify this responder"), message);
        linter.lint(responseData(ownKeyHash(), ca.root.certificate(), new org.bouncycastle.cert.ocsp.UnknownStatus(), now, now.plusSeconds(600), now),
                responder, now);
    }

    @Test
    void lint_refusesAResponderIdThatIsNotTheSigningKey() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        byte[] otherKey = KeyIdentifiers.of(ca.intermediate.certificate().getSubjectPublicKeyInfo());
        String message = problems(responseData(otherKey, ca.intermediate.certificate(), CertificateStatus.GOOD, now, now.plusSeconds(600), now), now);
        assertTrue(message.contains("responderID must be byKey"), message);
    }

    @Test
    void lint_refusesStaleProducedAtMissingNextUpdateAndTooLongValidity() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant hourAgo = now.minus(Duration.ofHours(1));
        assertTrue(problems(responseData(ownKeyHash(), ca.intermediate.certificate(), CertificateStatus.GOOD, hourAgo, now, hourAgo), now)
                .contains("producedAt"));
        assertTrue(problems(responseData(ownKeyHash(), ca.intermediate.certificate(), CertificateStatus.GOOD, now, null, now), now)
                .contains("nextUpdate is required"));
        assertTrue(problems(responseData(ownKeyHash(), ca.intermediate.certificate(), CertificateStatus.GOOD, now, now.plus(Duration.ofDays(11)), now), now)
                .contains("at most 10 days"));
    }
}
