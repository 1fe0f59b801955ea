package online.hypermesh.trustchain.bridge.scep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import javax.crypto.Cipher;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

/** Round trips with a client built here from Bouncy Castle's CMS generators, and the failures a server must answer. */
class ScepMessagesTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final KeyPair RA_PAIR = rsa();
    private static final X509CertificateHolder RA_CERT = selfSigned(RA_PAIR, "CN=Test SCEP RA");
    private static final RaKey RA = raKey(RA_PAIR, RA_CERT);

    private final KeyPair client = rsa();
    private final X509CertificateHolder clientCert = selfSigned(client, "CN=device.example");

    @Test
    void pkcsReq_parsesVerifiesAndOpensWithTheChallenge() throws Exception {
        byte[] message = pkiMessage(client, clientCert, "19", csr(client, "s3cret"), RA_CERT, CMSAlgorithm.AES128_CBC);

        PkiMessage parsed = PkiMessage.parse(message);
        parsed.verifySignature();
        assertEquals(MessageType.PKCS_REQ, parsed.type());
        assertEquals("tx-1", parsed.transactionId());
        assertEquals(clientCert, parsed.signer());
        ScepCsr csr = ScepCsr.parse(Envelope.open(parsed.envelope(), List.of(RA)));
        assertEquals("s3cret", csr.challengePassword().orElseThrow());
        assertEquals(new X500Name("CN=device.example"), csr.request().getSubject());
    }

    @Test
    void open_acceptsTheOlderCiphersClientsStillSend() throws Exception {
        for (ASN1ObjectIdentifier cipher : List.of(CMSAlgorithm.DES_EDE3_CBC, CMSAlgorithm.DES_CBC, CMSAlgorithm.AES256_CBC)) {
            PkiMessage parsed = PkiMessage.parse(pkiMessage(client, clientCert, "19", csr(client, "pw"), RA_CERT, cipher));
            assertEquals("pw", ScepCsr.parse(Envelope.open(parsed.envelope(), List.of(RA))).challengePassword().orElseThrow());
        }
    }

    @Test
    void success_isSignedByTheRaAndEncryptsTheCertificatesToTheRequester() throws Exception {
        PkiMessage request = PkiMessage.parse(pkiMessage(client, clientCert, "19", csr(client, "pw"), RA_CERT, CMSAlgorithm.AES128_CBC));
        X509CertificateHolder issued = selfSigned(client, "CN=issued");

        CMSSignedData reply = new CMSSignedData(CertRep.success(request, List.of(issued, RA_CERT), RA));

        AttributeTable attributes = verifiedAttributes(reply);
        assertEquals("3", string(attributes, "2"));
        assertEquals("0", string(attributes, "3"));
        assertNull(attributes.get(new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.4")));
        assertEquals("tx-1", string(attributes, "7"));
        assertArrayEquals(request.senderNonce(), octets(attributes, "6"));
        assertFalse(java.util.Arrays.equals(request.senderNonce(), octets(attributes, "5")), "a fresh senderNonce");
        CMSEnvelopedData enveloped = new CMSEnvelopedData((byte[]) reply.getSignedContent().getContent());
        assertEquals(CMSAlgorithm.AES128_CBC.getId(), enveloped.getEncryptionAlgOID());
        RecipientInformation recipient = enveloped.getRecipientInfos().getRecipients().iterator().next();
        byte[] degenerate = recipient.getContent(new JceKeyTransEnvelopedRecipient(client.getPrivate()));
        List<X509CertificateHolder> certs = new ArrayList<>(new CMSSignedData(degenerate).getCertificates().getMatches(null));
        assertEquals(2, certs.size());
        assertTrue(certs.contains(issued));
    }

    @Test
    void failure_carriesTheFailInfoAndNoContent() throws Exception {
        PkiMessage request = PkiMessage.parse(pkiMessage(client, clientCert, "19", csr(client, "pw"), RA_CERT, CMSAlgorithm.AES128_CBC));

        CMSSignedData reply = new CMSSignedData(CertRep.failure(request, FailInfo.BAD_REQUEST, RA));

        AttributeTable attributes = verifiedAttributes(reply);
        assertEquals("2", string(attributes, "3"));
        assertEquals("2", string(attributes, "4"));
        assertArrayEquals(request.senderNonce(), octets(attributes, "6"));
        assertNull(reply.getSignedContent());
    }

    @Test
    void pending_isStatus3WithTheTransactionIdNoFailInfoAndNoContent() throws Exception {
        PkiMessage request = PkiMessage.parse(pkiMessage(client, clientCert, "19", csr(client, "pw"), RA_CERT, CMSAlgorithm.AES128_CBC));

        CMSSignedData reply = new CMSSignedData(CertRep.pending(request, RA));

        AttributeTable attributes = verifiedAttributes(reply);
        assertEquals("3", string(attributes, "2"), "messageType CertRep");
        assertEquals("3", string(attributes, "3"), "pkiStatus PENDING");
        assertNull(attributes.get(new org.bouncycastle.asn1.ASN1ObjectIdentifier("2.16.840.1.113733.1.9.4")), "no failInfo");
        assertEquals(request.transactionId(), string(attributes, "7"));
        assertArrayEquals(request.senderNonce(), octets(attributes, "6"));
        assertNull(reply.getSignedContent());
    }

    @Test
    void verifySignature_refusesAMessageSignedByAnotherKey() throws Exception {
        KeyPair other = rsa();
        byte[] message = pkiMessage(other, clientCert, "19", csr(client, "pw"), RA_CERT, CMSAlgorithm.AES128_CBC);

        PkiMessage parsed = PkiMessage.parse(message);
        ScepFailure failure = assertThrows(ScepFailure.class, parsed::verifySignature);
        assertEquals(FailInfo.BAD_MESSAGE_CHECK, failure.failInfo());
        assertTrue(failure.answerable());
    }

    @Test
    void open_refusesAnEnvelopeForAnotherRa() throws Exception {
        KeyPair otherRa = rsa();
        byte[] message = pkiMessage(client, clientCert, "19", csr(client, "pw"), selfSigned(otherRa, "CN=Other RA"), CMSAlgorithm.AES128_CBC);

        PkiMessage parsed = PkiMessage.parse(message);
        ScepFailure failure = assertThrows(ScepFailure.class, () -> Envelope.open(parsed.envelope(), List.of(RA)));
        assertEquals(FailInfo.BAD_MESSAGE_CHECK, failure.failInfo());
    }

    @Test
    void open_answersBadMessageCheckWhenTheKeyDoesNotDecrypt() throws Exception {
        byte[] sent = csr(client, "pw");
        PkiMessage parsed = PkiMessage.parse(pkiMessage(client, clientCert, "19", sent, RA_CERT, CMSAlgorithm.AES128_CBC));
        RaKey broken = new RaKey() {
            public X509CertificateHolder certificate() {
                return RA_CERT;
            }

            public byte[] decryptContentKey(byte[] encryptedKey) {
                throw new IllegalStateException("bad padding");
            }

            public ContentSigner signer() {
                return RA.signer();
            }
        };
        // A key that does not decrypt is answered like a wrong one (Bleichenbacher): a random content key, so the content
        // decrypts to garbage, which CBC padding refuses except by chance (1 in 256); then it is no request either.
        try {
            byte[] opened = Envelope.open(parsed.envelope(), List.of(broken));
            assertFalse(java.util.Arrays.equals(sent, opened), "never the request that was sent");
        } catch (ScepFailure failure) {
            assertEquals(FailInfo.BAD_MESSAGE_CHECK, failure.failInfo());
        }
    }

    @Test
    void requireRsaSigner_refusesAnEcSignerBeforeAnythingIsIssued() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair ec = generator.generateKeyPair();
        X500Name name = new X500Name("CN=ec.example");
        X509CertificateHolder ecCert = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, new Date(System.currentTimeMillis() - 60_000),
                new Date(System.currentTimeMillis() + 3_600_000), name, ec.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(ec.getPrivate()));
        CMSSignedDataGenerator signed = new CMSSignedDataGenerator();
        ASN1EncodableVector attributes = new ASN1EncodableVector();
        attributes.add(new Attribute(new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.2"), new DERSet(new DERPrintableString("19"))));
        attributes.add(new Attribute(new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.7"), new DERSet(new DERPrintableString("tx-ec"))));
        attributes.add(new Attribute(new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.5"), new DERSet(new DEROctetString(new byte[16]))));
        signed.addSignerInfoGenerator(new SignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(ec.getPrivate()), ecCert));
        signed.addCertificate(ecCert);
        PkiMessage parsed = PkiMessage.parse(signed.generate(new CMSProcessableByteArray(new byte[] {1}), true).getEncoded());
        parsed.verifySignature();
        assertEquals(FailInfo.BAD_ALG, assertThrows(ScepFailure.class, parsed::requireRsaSigner).failInfo());
        // ... and its FAILURE CertRep is still signed by the RA.
        assertTrue(new CMSSignedData(CertRep.failure(parsed, FailInfo.BAD_ALG, RA)).getSignerInfos().getSigners().iterator().next()
                .verify(new JcaSimpleSignerInfoVerifierBuilder().build(RA_CERT)));
    }

    @Test
    void type_refusesAnUnknownMessageType() throws Exception {
        PkiMessage parsed = PkiMessage.parse(pkiMessage(client, clientCert, "99", csr(client, "pw"), RA_CERT, CMSAlgorithm.AES128_CBC));
        assertEquals(FailInfo.BAD_REQUEST, assertThrows(ScepFailure.class, parsed::type).failInfo());
    }

    @Test
    void parse_refusesWhatIsNoPkiMessageAsUnanswerable() {
        for (byte[] garbage : List.of(new byte[0], "hello".getBytes(), new byte[PkiMessage.MAX_BYTES + 1])) {
            assertFalse(assertThrows(ScepFailure.class, () -> PkiMessage.parse(garbage)).answerable());
        }
    }

    @Test
    void scepCsr_withoutChallengeHasNone() throws Exception {
        assertTrue(ScepCsr.parse(csr(client, null)).challengePassword().isEmpty());
        assertEquals(FailInfo.BAD_REQUEST, assertThrows(ScepFailure.class, () -> ScepCsr.parse(new byte[] {1, 2, 3})).failInfo());
    }

    @Test
    void caCaps_listsRfc8894Capabilities() {
        assertTrue(CaCaps.text().lines().toList().containsAll(List.of("AES", "SHA-256", "POSTPKIOperation", "Renewal", "SCEPStandard")));
    }

    // --- a client, from BC's generators ---

    static byte[] pkiMessage(KeyPair signerKey, X509CertificateHolder signerCert, String type, byte[] content, X509CertificateHolder recipient,
                             ASN1ObjectIdentifier cipher) throws Exception {
        CMSEnvelopedDataGenerator envelope = new CMSEnvelopedDataGenerator();
        envelope.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(new JcaX509CertificateConverter().getCertificate(recipient)));
        byte[] enveloped = envelope.generate(new CMSProcessableByteArray(content), new JceCMSContentEncryptorBuilder(cipher)
                .setProvider(PkiMessage.PROVIDER).build()).getEncoded();
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        ASN1EncodableVector attributes = new ASN1EncodableVector();
        attributes.add(new Attribute(new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.2"), new DERSet(new DERPrintableString(type))));
        attributes.add(new Attribute(new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.7"), new DERSet(new DERPrintableString("tx-1"))));
        attributes.add(new Attribute(new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.5"), new DERSet(new DEROctetString(nonce))));
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new SignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(signerKey.getPrivate()), signerCert));
        generator.addCertificate(signerCert);
        return generator.generate(new CMSProcessableByteArray(enveloped), true).getEncoded();
    }

    static byte[] csr(KeyPair key, String challenge) throws Exception {
        var builder = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=device.example"), key.getPublic());
        if (challenge != null) {
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword, new DERPrintableString(challenge));
        }
        return builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())).getEncoded();
    }

    private static AttributeTable verifiedAttributes(CMSSignedData reply) throws Exception {
        SignerInformation signer = reply.getSignerInfos().getSigners().iterator().next();
        assertTrue(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(RA_CERT)));
        return signer.getSignedAttributes();
    }

    private static String string(AttributeTable table, String arc) {
        return ((ASN1String) table.get(new ASN1ObjectIdentifier("2.16.840.1.113733.1.9." + arc)).getAttrValues().getObjectAt(0)).getString();
    }

    private static byte[] octets(AttributeTable table, String arc) {
        return ((ASN1OctetString) table.get(new ASN1ObjectIdentifier("2.16.840.1.113733.1.9." + arc)).getAttrValues().getObjectAt(0)).getOctets();
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static X509CertificateHolder selfSigned(KeyPair pair, String subject) {
        try {
            X500Name name = new X500Name(subject);
            return new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(RANDOM.nextInt(1 << 30)), new Date(System.currentTimeMillis() - 60_000),
                    new Date(System.currentTimeMillis() + 3_600_000), name, pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static RaKey raKey(KeyPair pair, X509CertificateHolder certificate) {
        PrivateKey key = pair.getPrivate();
        return new RaKey() {
            public X509CertificateHolder certificate() {
                return certificate;
            }

            public byte[] decryptContentKey(byte[] encryptedKey) {
                try {
                    Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
                    cipher.init(Cipher.DECRYPT_MODE, key);
                    return cipher.doFinal(encryptedKey);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            public ContentSigner signer() {
                try {
                    return new JcaContentSignerBuilder("SHA256withRSA").build(key);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }
}
