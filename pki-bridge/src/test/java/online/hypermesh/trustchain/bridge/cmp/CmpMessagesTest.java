package online.hypermesh.trustchain.bridge.cmp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.cmp.CMPObjectIdentifiers;
import org.bouncycastle.asn1.cmp.CertRepMessage;
import org.bouncycastle.asn1.cmp.ErrorMsgContent;
import org.bouncycastle.asn1.cmp.InfoTypeAndValue;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.cmp.CertificateConfirmationContentBuilder;
import org.bouncycastle.cert.cmp.ProtectedPKIMessage;
import org.bouncycastle.cert.cmp.ProtectedPKIMessageBuilder;
import org.bouncycastle.cert.crmf.CertificateRequestMessageBuilder;
import org.bouncycastle.cert.crmf.PKMACBuilder;
import org.bouncycastle.cert.crmf.jcajce.JcePKMACValuesCalculator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * CMP messages as a client (Bouncy Castle's own CMP builders) makes them: PBMAC verification
 * (right secret, wrong secret, altered body, absurd iteration counts), the CRMF request with its
 * signature POP, and responses that the client's own verifier accepts.
 */
class CmpMessagesTest {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final byte[] SECRET = "correct-horse-battery".getBytes(StandardCharsets.US_ASCII);
    private static final X500Name CA = new X500Name("CN=TrustChain Test Issuing CA");

    private final KeyPair key = ecKey();

    @Test
    void pbmac_verifiesWithTheSecret_andNotWithAnother() throws Exception {
        CmpRequest request = CmpRequest.parse(ir(SECRET, 500).getEncoded());
        request.checkHeader(java.time.Instant.now());
        assertTrue(request.isMacProtected());
        assertEquals("ir", request.bodyName());
        assertEquals("ref-1", request.senderKidText());
        assertTrue(PasswordBasedMac.verify(request.message(), SECRET));
        assertFalse(PasswordBasedMac.verify(request.message(), "wrong".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void pbmac_failsForAnAlteredBody() throws Exception {
        PKIMessage genuine = ir(SECRET, 500);
        PKIMessage other = ir(SECRET, 500);
        // The other request's body under the genuine header and protection.
        PKIMessage spliced = new PKIMessage(genuine.getHeader(), other.getBody(), genuine.getProtection(), null);
        assertFalse(PasswordBasedMac.verify(CmpRequest.parse(spliced.getEncoded()).message(), SECRET));
    }

    @Test
    void pbmac_refusesIterationCountsAboveTheBound_badAlg() throws Exception {
        CmpRequest request = CmpRequest.parse(ir(SECRET, PasswordBasedMac.MAX_ITERATIONS + 1).getEncoded());
        CmpFailure f = assertThrows(CmpFailure.class, () -> PasswordBasedMac.verify(request.message(), SECRET));
        assertEquals(PKIFailureInfo.badAlg, f.failInfo());
    }

    @Test
    void header_withAMessageTimeFarFromTheServersClock_isBadTime() throws Exception {
        CmpRequest request = CmpRequest.parse(ir(SECRET, 500).getEncoded());
        request.checkHeader(java.time.Instant.now().plusSeconds(9 * 60));
        CmpFailure f = assertThrows(CmpFailure.class, () -> request.checkHeader(java.time.Instant.now().plusSeconds(11 * 60)));
        assertEquals(PKIFailureInfo.badTime, f.failInfo());
    }

    @Test
    void parse_rejectsWhatIsNoPkiMessage_asUndecodable() {
        CmpFailure f = assertThrows(CmpFailure.class, () -> CmpRequest.parse("hello".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(f.undecodable());
        assertEquals(PKIFailureInfo.badDataFormat, f.failInfo());
    }

    @Test
    void crmf_givesTheKeyAndNames_afterThePopVerified() throws Exception {
        CrmfRequest crmf = CrmfRequest.of(CmpRequest.parse(ir(SECRET, 500).getEncoded()).body());
        assertEquals(7, crmf.certReqId());
        assertArrayEquals(key.getPublic().getEncoded(), crmf.publicKey().getEncoded());
        assertEquals(new X500Name("CN=cmp.hypermesh.online"), crmf.subject());
        GeneralNames sans = GeneralNames.fromExtensions(crmf.extensions(), Extension.subjectAlternativeName);
        assertEquals("cmp.hypermesh.online", sans.getNames()[0].getName().toString());
    }

    @Test
    void crmf_readsTheOldCertIdControl_ofAKeyUpdate() throws Exception {
        CertificateRequestMessageBuilder b = new CertificateRequestMessageBuilder(BigInteger.ONE)
                .setPublicKey(SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()))
                .setSubject(new X500Name("CN=cmp.hypermesh.online"))
                .addControl(new org.bouncycastle.cert.crmf.Control() {
                    @Override
                    public org.bouncycastle.asn1.ASN1ObjectIdentifier getType() {
                        return org.bouncycastle.asn1.crmf.CRMFObjectIdentifiers.id_regCtrl_oldCertID;
                    }

                    @Override
                    public org.bouncycastle.asn1.ASN1Encodable getValue() {
                        return new org.bouncycastle.asn1.crmf.CertId(new GeneralName(CA), BigInteger.valueOf(0xabcdef));
                    }
                })
                .setProofOfPossessionSigningKeySigner(signer(key));
        PKIMessage message = protect(new ProtectedPKIMessageBuilder(new GeneralName(new X500Name("CN=client")), new GeneralName(CA))
                .setBody(PKIBody.TYPE_KEY_UPDATE_REQ, new org.bouncycastle.cert.crmf.CertificateReqMessages(
                        new org.bouncycastle.asn1.crmf.CertReqMessages(b.build().toASN1Structure()))), SECRET, 500);
        CrmfRequest crmf = CrmfRequest.of(CmpRequest.parse(message.getEncoded()).body());
        assertEquals(BigInteger.valueOf(0xabcdef), crmf.oldCert().serial());
        assertEquals(CA, crmf.oldCert().issuer());
    }

    @Test
    void crmf_refusesAPopByAnotherKey_badPOP() throws Exception {
        KeyPair other = ecKey();
        CertificateRequestMessageBuilder b = new CertificateRequestMessageBuilder(BigInteger.ONE)
                .setPublicKey(SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()))
                .setSubject(new X500Name("CN=cmp.hypermesh.online"))
                .setProofOfPossessionSigningKeySigner(signer(other));
        PKIMessage message = protect(new ProtectedPKIMessageBuilder(new GeneralName(new X500Name("CN=client")), new GeneralName(CA))
                .setBody(PKIBody.TYPE_INIT_REQ, new org.bouncycastle.cert.crmf.CertificateReqMessages(
                        new org.bouncycastle.asn1.crmf.CertReqMessages(b.build().toASN1Structure()))), SECRET, 500);
        CmpFailure f = assertThrows(CmpFailure.class, () -> CrmfRequest.of(CmpRequest.parse(message.getEncoded()).body()));
        assertEquals(PKIFailureInfo.badPOP, f.failInfo());
    }

    @Test
    void response_isProtectedWithTheSecret_andAnswersTheTransaction() throws Exception {
        CmpRequest request = CmpRequest.parse(ir(SECRET, 500).getEncoded());
        X509CertificateHolder cert = selfSigned();
        byte[] der = CmpResponse.to(request, CA, CmpResponse.certificate(PKIBody.TYPE_INIT_REP, 7, cert, List.of(cert)))
                .implicitConfirm().extraCerts(List.of(cert)).protectedWith(SECRET);
        PKIMessage response = PKIMessage.getInstance(der);
        ProtectedPKIMessage client = new ProtectedPKIMessage(new org.bouncycastle.cert.cmp.GeneralPKIMessage(response));
        assertTrue(client.hasPasswordBasedMacProtection());
        assertTrue(client.verify(new PKMACBuilder(new JcePKMACValuesCalculator().setProvider(BC)), new String(SECRET, StandardCharsets.US_ASCII).toCharArray()));
        assertArrayEquals(request.transactionId(), response.getHeader().getTransactionID().getOctets());
        assertArrayEquals(request.senderNonce(), response.getHeader().getRecipNonce().getOctets());
        assertArrayEquals(request.senderKid(), response.getHeader().getSenderKID().getOctets());
        assertEquals(CMPObjectIdentifiers.it_implicitConfirm, response.getHeader().getGeneralInfo()[0].getInfoType());
        CertRepMessage rep = CertRepMessage.getInstance(response.getBody().getContent());
        assertEquals(PKIStatus.GRANTED, rep.getResponse()[0].getStatus().getStatus().intValue());
        assertEquals(1, rep.getCaPubs().length);
        assertEquals(1, response.getExtraCerts().length);
    }

    @Test
    void error_carriesRejection_failureBits_andText_unprotected() throws Exception {
        CmpRequest request = CmpRequest.parse(ir("other".getBytes(StandardCharsets.US_ASCII), 500).getEncoded());
        CmpFailure failure = new CmpFailure(PKIFailureInfo.badMessageCheck, "the MAC does not verify");
        PKIMessage response = PKIMessage.getInstance(CmpResponse.to(request, CA, CmpResponse.error(failure)).unprotected());
        assertEquals(PKIBody.TYPE_ERROR, response.getBody().getType());
        ErrorMsgContent error = ErrorMsgContent.getInstance(response.getBody().getContent());
        assertEquals(PKIStatus.REJECTION, error.getPKIStatusInfo().getStatus().intValue());
        assertEquals(PKIFailureInfo.badMessageCheck, error.getPKIStatusInfo().getFailInfo().intValue());
        assertEquals("the MAC does not verify", error.getPKIStatusInfo().getStatusString().getStringAtUTF8(0).getString());
        assertEquals(null, response.getProtection());
    }

    @Test
    void certConf_matchesTheIssuedCertificatesHash_andOnlyThat() throws Exception {
        X509CertificateHolder issued = selfSigned();
        CertificateConfirmationContentBuilder b = new CertificateConfirmationContentBuilder();
        b.addAcceptedCertificate(issued, BigInteger.valueOf(7));
        PKIBody body = new PKIBody(PKIBody.TYPE_CERT_CONFIRM, b.build(new BcDigestCalculatorProvider()).toASN1Structure());
        CertConfirmation confirmation = CertConfirmation.of(body, issued, 7);
        assertTrue(confirmation.accepted());
        CmpFailure wrong = assertThrows(CmpFailure.class, () -> CertConfirmation.of(body, selfSigned(), 7));
        assertEquals(PKIFailureInfo.badCertId, wrong.failInfo());
        assertThrows(CmpFailure.class, () -> CertConfirmation.of(body, issued, 8));
    }

    @Test
    void genm_asksForCaCerts_andGenpCarriesThem() throws Exception {
        PKIMessage genm = protect(new ProtectedPKIMessageBuilder(new GeneralName(new X500Name("CN=client")), new GeneralName(CA))
                .setBody(new PKIBody(PKIBody.TYPE_GEN_MSG, new org.bouncycastle.asn1.cmp.GenMsgContent(
                        new InfoTypeAndValue(CMPObjectIdentifiers.id_it_caCerts)))), SECRET, 500);
        assertTrue(GeneralMessage.of(CmpRequest.parse(genm.getEncoded()).body()).asksForCaCerts());
        PKIBody genp = CmpResponse.caCerts(List.of(selfSigned(), selfSigned()));
        InfoTypeAndValue value = org.bouncycastle.asn1.cmp.GenRepContent.getInstance(genp.getContent()).toInfoTypeAndValueArray()[0];
        assertEquals(CMPObjectIdentifiers.id_it_caCerts, value.getInfoType());
        assertEquals(2, org.bouncycastle.asn1.ASN1Sequence.getInstance(value.getInfoValue()).size());
    }

    @Test
    void signedRequest_verifiesWithTheCertificateItCarries_andNotWhenAlteredOrMisnamed() throws Exception {
        KeyPair clientKey = ecKey();
        X509CertificateHolder client = certificate(new X500Name("CN=client.cmp.hypermesh.online"), clientKey);
        PKIMessage signed = signedGenm(client, new X500Name("CN=client.cmp.hypermesh.online"), clientKey, true);
        CmpRequest request = CmpRequest.parse(signed.getEncoded());
        assertTrue(request.isSignatureProtected());
        assertFalse(request.isMacProtected());
        assertEquals(client, SignatureProtection.verifiedSigner(request.message()));

        PKIMessage other = signedGenm(client, new X500Name("CN=client.cmp.hypermesh.online"), clientKey, true);
        PKIMessage spliced = new PKIMessage(signed.getHeader(), ir(SECRET, 500).getBody(), signed.getProtection(), other.getExtraCerts());
        assertEquals(PKIFailureInfo.badMessageCheck, assertThrows(CmpFailure.class,
                () -> SignatureProtection.verifiedSigner(CmpRequest.parse(spliced.getEncoded()).message())).failInfo());

        PKIMessage misnamed = signedGenm(client, new X500Name("CN=someone.else"), clientKey, true);
        CmpFailure sender = assertThrows(CmpFailure.class, () -> SignatureProtection.verifiedSigner(misnamed));
        assertTrue(sender.text().contains("sender must be the subject"), sender.text());

        PKIMessage bare = signedGenm(client, new X500Name("CN=client.cmp.hypermesh.online"), clientKey, false);
        CmpFailure missing = assertThrows(CmpFailure.class, () -> SignatureProtection.verifiedSigner(bare));
        assertTrue(missing.text().contains("first in extraCerts"), missing.text());
    }

    @Test
    void response_signedByTheProtectionKey_verifiesForTheClient_fromItsCertificate() throws Exception {
        KeyPair protectionKey = ecKey();
        X509CertificateHolder protection = certificate(new X500Name("CN=TrustChain CMP us-east-1-g1"), protectionKey);
        X509CertificateHolder intermediate = selfSigned();
        ProtectionKey serverKey = new ProtectionKey() {
            @Override
            public X509CertificateHolder certificate() {
                return protection;
            }

            @Override
            public List<X509CertificateHolder> chain() {
                return List.of(intermediate);
            }

            @Override
            public ContentSigner signer() {
                try {
                    return CmpMessagesTest.signer(protectionKey);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        KeyPair clientKey = ecKey();
        X509CertificateHolder client = certificate(new X500Name("CN=client.cmp.hypermesh.online"), clientKey);
        CmpRequest request = CmpRequest.parse(signedGenm(client, client.getSubject(), clientKey, true).getEncoded());
        PKIMessage response = PKIMessage.getInstance(CmpResponse.to(request, CA, CmpResponse.pkiConf()).extraCerts(List.of(intermediate))
                .protectedBy(serverKey));
        ProtectedPKIMessage seen = new ProtectedPKIMessage(new org.bouncycastle.cert.cmp.GeneralPKIMessage(response));
        assertFalse(seen.hasPasswordBasedMacProtection());
        assertTrue(seen.verify(new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder().setProvider(BC).build(protection)));
        assertEquals(protection.getSubject(), X500Name.getInstance(response.getHeader().getSender().getName()));
        assertArrayEquals(SignatureProtection.subjectKeyId(protection), response.getHeader().getSenderKID().getOctets());
        assertEquals(2, response.getExtraCerts().length, "the protection certificate, then its chain, each once");
        assertEquals(protection, new X509CertificateHolder(response.getExtraCerts()[0].getX509v3PKCert()));
    }

    /** A genm signed with {@code key}, naming {@code sender}, carrying {@code certificate} in extraCerts if {@code withCertificate}. */
    private static PKIMessage signedGenm(X509CertificateHolder certificate, X500Name sender, KeyPair key, boolean withCertificate) throws Exception {
        byte[] nonce = new byte[16];
        byte[] tid = new byte[16];
        new SecureRandom().nextBytes(nonce);
        new SecureRandom().nextBytes(tid);
        ProtectedPKIMessageBuilder b = new ProtectedPKIMessageBuilder(new GeneralName(sender), new GeneralName(CA))
                .setBody(new PKIBody(PKIBody.TYPE_GEN_MSG, new org.bouncycastle.asn1.cmp.GenMsgContent(new InfoTypeAndValue(CMPObjectIdentifiers.id_it_caCerts))))
                .setTransactionID(tid).setSenderNonce(nonce).setMessageTime(new Date());
        if (withCertificate) {
            b.addCMPCertificate(certificate);
        }
        return b.build(signer(key)).toASN1Structure();
    }

    /** A certificate for {@code key} with a subject key identifier, as a CA would issue one. */
    private static X509CertificateHolder certificate(X500Name subject, KeyPair key) throws Exception {
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded());
        return new X509v3CertificateBuilder(CA, BigInteger.valueOf(new SecureRandom().nextInt(1 << 30)), new Date(),
                new Date(System.currentTimeMillis() + 86_400_000L), subject, spki)
                .addExtension(Extension.subjectKeyIdentifier, false,
                        new org.bouncycastle.cert.bc.BcX509ExtensionUtils().createSubjectKeyIdentifier(spki))
                .build(signer(ecKey()));
    }

    private PKIMessage ir(byte[] secret, int iterations) throws Exception {
        CertificateRequestMessageBuilder b = new CertificateRequestMessageBuilder(BigInteger.valueOf(7))
                .setPublicKey(SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()))
                .setSubject(new X500Name("CN=cmp.hypermesh.online"))
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, "cmp.hypermesh.online")))
                .setProofOfPossessionSigningKeySigner(signer(key));
        return protect(new ProtectedPKIMessageBuilder(new GeneralName(new X500Name("CN=client")), new GeneralName(CA))
                .setBody(PKIBody.TYPE_INIT_REQ, new org.bouncycastle.cert.crmf.CertificateReqMessages(
                        new org.bouncycastle.asn1.crmf.CertReqMessages(b.build().toASN1Structure()))), secret, iterations);
    }

    private static PKIMessage protect(ProtectedPKIMessageBuilder builder, byte[] secret, int iterations) throws Exception {
        byte[] nonce = new byte[16];
        byte[] tid = new byte[16];
        new SecureRandom().nextBytes(nonce);
        new SecureRandom().nextBytes(tid);
        builder.setTransactionID(tid).setSenderNonce(nonce).setSenderKID("ref-1".getBytes(StandardCharsets.US_ASCII)).setMessageTime(new Date());
        // OpenSSL's defaults: SHA-256 as the one-way function, HMAC-SHA1 as the MAC.
        PKMACBuilder mac = new PKMACBuilder(new JcePKMACValuesCalculator().setProvider(BC), 1_000_000)
                .setParameters(new org.bouncycastle.asn1.cmp.PBMParameter(nonce, new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                        org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256), iterations,
                        new org.bouncycastle.asn1.x509.AlgorithmIdentifier(org.bouncycastle.asn1.iana.IANAObjectIdentifiers.hmacSHA1)));
        return builder.build(mac.build(new String(secret, StandardCharsets.US_ASCII).toCharArray())).toASN1Structure();
    }

    private static ContentSigner signer(KeyPair k) throws Exception {
        return new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(k.getPrivate());
    }

    private X509CertificateHolder selfSigned() throws Exception {
        KeyPair k = ecKey();
        return new X509v3CertificateBuilder(CA, BigInteger.valueOf(new SecureRandom().nextInt(1 << 30)), new Date(), new Date(System.currentTimeMillis() + 86_400_000L),
                CA, SubjectPublicKeyInfo.getInstance(k.getPublic().getEncoded())).build(signer(k));
    }

    private static KeyPair ecKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static {
        assertNotNull(new DefaultDigestAlgorithmIdentifierFinder());
    }
}
