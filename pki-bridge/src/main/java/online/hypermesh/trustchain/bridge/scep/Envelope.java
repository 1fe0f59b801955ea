package online.hypermesh.trustchain.bridge.scep;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.KeyTransRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientIdentifier;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAlgorithm;

/**
 * Opens a pkcsPKIEnvelope (CMS EnvelopedData, RFC 8894 3.2.2) addressed to one of the RA keys by
 * RSA key transport. Written against the ASN.1 rather than BC's recipient classes because those
 * want a {@link java.security.PrivateKey}, and the RA key never leaves the token: only the
 * content-encryption key is decrypted there.
 *
 * <p>Content ciphers: AES-128/192/256-CBC, and DES-EDE3-CBC and DES-CBC because deployed clients
 * (micromdm's scepclient among them) still send them; replies always use AES-128-CBC. A key that
 * fails to decrypt is replaced by a random one (as TLS does against Bleichenbacher's attack), so
 * a bad padding and a bad content look the same to the sender: badMessageCheck.
 */
public final class Envelope {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<ASN1ObjectIdentifier, Cipher_> CIPHERS = Map.of(
            CMSAlgorithm.AES128_CBC, new Cipher_("AES", 16),
            CMSAlgorithm.AES192_CBC, new Cipher_("AES", 24),
            CMSAlgorithm.AES256_CBC, new Cipher_("AES", 32),
            CMSAlgorithm.DES_EDE3_CBC, new Cipher_("DESede", 24),
            CMSAlgorithm.DES_CBC, new Cipher_("DES", 8));

    private record Cipher_(String jca, int keyBytes) {
    }

    private Envelope() {
    }

    /** The decrypted content (a PKCS#10 request, or an IssuerAndSubject for CertPoll). */
    public static byte[] open(byte[] envelopedDer, List<? extends RaKey> keys) {
        return openWith(envelopedDer, keys).content();
    }

    /** Decrypted content and the RA key it was addressed to (the reply is signed by that one, which the client knows). */
    public record Opened(byte[] content, RaKey key) {
    }

    public static Opened openWith(byte[] envelopedDer, List<? extends RaKey> keys) {
        EnvelopedData enveloped;
        try {
            ContentInfo info = ContentInfo.getInstance(envelopedDer);
            if (!CMSObjectIdentifiers.envelopedData.equals(info.getContentType())) {
                throw new ScepFailure(FailInfo.BAD_REQUEST, "the pkcsPKIEnvelope is a " + info.getContentType() + ", not an EnvelopedData");
            }
            enveloped = EnvelopedData.getInstance(info.getContent());
        } catch (ScepFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ScepFailure(FailInfo.BAD_REQUEST, "the pkcsPKIEnvelope is not a CMS EnvelopedData: " + e.getMessage());
        }
        ASN1Set recipients = enveloped.getRecipientInfos();
        for (int i = 0; i < recipients.size(); i++) {
            RecipientInfo recipient = RecipientInfo.getInstance(recipients.getObjectAt(i));
            if (!(recipient.getInfo() instanceof KeyTransRecipientInfo ktri)) {
                continue;
            }
            for (RaKey key : keys) {
                if (addressedTo(ktri.getRecipientIdentifier(), key.certificate())) {
                    return new Opened(decrypt(ktri, enveloped.getEncryptedContentInfo(), key), key);
                }
            }
        }
        throw new ScepFailure(FailInfo.BAD_MESSAGE_CHECK,
                "the pkcsPKIEnvelope is not encrypted to this server's RA certificate (fetch it with GetCACert)");
    }

    private static boolean addressedTo(RecipientIdentifier rid, X509CertificateHolder ra) {
        if (rid.getId() instanceof ASN1OctetString ski) {
            SubjectKeyIdentifier own = SubjectKeyIdentifier.fromExtensions(ra.getExtensions());
            return own != null && java.util.Arrays.equals(own.getKeyIdentifier(), ski.getOctets());
        }
        IssuerAndSerialNumber ias = IssuerAndSerialNumber.getInstance(rid.getId());
        return ias.getName().equals(ra.getIssuer()) && ias.getSerialNumber().getValue().equals(ra.getSerialNumber());
    }

    private static byte[] decrypt(KeyTransRecipientInfo ktri, EncryptedContentInfo content, RaKey key) {
        if (!PKCSObjectIdentifiers.rsaEncryption.equals(ktri.getKeyEncryptionAlgorithm().getAlgorithm())) {
            throw new ScepFailure(FailInfo.BAD_ALG, "key transport " + ktri.getKeyEncryptionAlgorithm().getAlgorithm()
                    + " is not supported; use rsaEncryption (PKCS#1 v1.5)");
        }
        AlgorithmIdentifier algorithm = content.getContentEncryptionAlgorithm();
        Cipher_ cipher = CIPHERS.get(algorithm.getAlgorithm());
        if (cipher == null) {
            throw new ScepFailure(FailInfo.BAD_ALG, "content encryption " + algorithm.getAlgorithm()
                    + " is not supported; use AES-128-CBC (or AES-256-CBC, DES-EDE3-CBC)");
        }
        if (content.getEncryptedContent() == null || !(algorithm.getParameters() instanceof ASN1OctetString iv)) {
            throw new ScepFailure(FailInfo.BAD_REQUEST, "the pkcsPKIEnvelope has no encrypted content or no IV");
        }
        byte[] cek;
        try {
            cek = key.decryptContentKey(ktri.getEncryptedKey().getOctets());
        } catch (RuntimeException e) {
            cek = null;
        }
        if (cek == null || cek.length != cipher.keyBytes()) {
            cek = new byte[cipher.keyBytes()];
            RANDOM.nextBytes(cek);
        }
        try {
            Cipher c = Cipher.getInstance(cipher.jca() + "/CBC/PKCS5Padding", PkiMessage.PROVIDER);
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, cipher.jca()), new IvParameterSpec(iv.getOctets()));
            return c.doFinal(content.getEncryptedContent().getOctets());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new ScepFailure(FailInfo.BAD_MESSAGE_CHECK, "the pkcsPKIEnvelope does not decrypt with the RA key");
        } finally {
            java.util.Arrays.fill(cek, (byte) 0);
        }
    }
}
