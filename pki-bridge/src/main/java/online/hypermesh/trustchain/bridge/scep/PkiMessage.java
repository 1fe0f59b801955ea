package online.hypermesh.trustchain.bridge.scep;

import java.util.Collection;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * A client's pkiMessage (RFC 8894 3.2): a CMS SignedData whose one signer is the requester
 * (a self-signed certificate for PKCSReq, the current certificate for RenewalReq), with the
 * SCEP authenticated attributes and, as content, the still encrypted pkcsPKIEnvelope.
 *
 * <p>{@link #parse} reads only what a CertRep needs to be addressed (signer, transactionID,
 * senderNonce); what a failure CertRep can answer is checked afterwards ({@link #verifySignature},
 * {@link #type}), so the client learns why in its own protocol.
 */
public final class PkiMessage {
    static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();
    /** Larger than any CSR with a few names, envelope and signature; refuses to buffer more. */
    public static final int MAX_BYTES = 64 * 1024;

    private final SignerInformation signerInfo;
    private final X509CertificateHolder signer;
    private final String transactionId;
    private final byte[] senderNonce;
    private final String messageType;
    private final byte[] envelope;

    private PkiMessage(SignerInformation signerInfo, X509CertificateHolder signer, String transactionId, byte[] senderNonce,
                       String messageType, byte[] envelope) {
        this.signerInfo = signerInfo;
        this.signer = signer;
        this.transactionId = transactionId;
        this.senderNonce = senderNonce;
        this.messageType = messageType;
        this.envelope = envelope;
    }

    /** @throws ScepFailure (unanswerable) if no CertRep could be addressed to the sender */
    public static PkiMessage parse(byte[] der) {
        if (der == null || der.length == 0) {
            throw ScepFailure.unanswerable("the request carries no pkiMessage");
        }
        if (der.length > MAX_BYTES) {
            throw ScepFailure.unanswerable("the pkiMessage is " + der.length + " bytes; at most " + MAX_BYTES + " are accepted");
        }
        CMSSignedData signed;
        try {
            signed = new CMSSignedData(der);
        } catch (CMSException | RuntimeException e) {
            throw ScepFailure.unanswerable("the pkiMessage is not a CMS SignedData: " + e.getMessage());
        }
        if (signed.getSignerInfos().size() != 1) {
            throw ScepFailure.unanswerable("a pkiMessage has exactly one signer, this one has " + signed.getSignerInfos().size());
        }
        SignerInformation info = signed.getSignerInfos().getSigners().iterator().next();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(info.getSID());
        if (matches.isEmpty()) {
            throw ScepFailure.unanswerable("the pkiMessage does not carry its signer's certificate");
        }
        AttributeTable attributes = info.getSignedAttributes();
        if (attributes == null) {
            throw ScepFailure.unanswerable("the pkiMessage has no authenticated attributes");
        }
        String transactionId = string(attributes, ScepAttributes.TRANSACTION_ID)
                .orElseThrow(() -> ScepFailure.unanswerable("the pkiMessage has no transactionID"));
        byte[] nonce = value(attributes, ScepAttributes.SENDER_NONCE).filter(v -> v instanceof ASN1OctetString)
                .map(v -> ((ASN1OctetString) v).getOctets())
                .orElseThrow(() -> ScepFailure.unanswerable("the pkiMessage has no senderNonce"));
        if (transactionId.isEmpty() || transactionId.length() > 256 || nonce.length == 0 || nonce.length > 64) {
            throw ScepFailure.unanswerable("the pkiMessage's transactionID or senderNonce is empty or too long");
        }
        byte[] content = signed.getSignedContent() == null ? null : (byte[]) signed.getSignedContent().getContent();
        return new PkiMessage(info, matches.iterator().next(), transactionId, nonce,
                string(attributes, ScepAttributes.MESSAGE_TYPE).orElse(null), content);
    }

    /** Checks the requester's signature over the authenticated attributes and content. */
    public void verifySignature() {
        boolean valid;
        try {
            valid = signerInfo.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(PROVIDER).build(signer));
        } catch (OperatorCreationException | java.security.cert.CertificateException e) {
            throw new ScepFailure(FailInfo.BAD_ALG, "the signer's key or signature algorithm is not supported: " + e.getMessage());
        } catch (CMSException | RuntimeException e) {
            throw new ScepFailure(FailInfo.BAD_MESSAGE_CHECK, "the pkiMessage signature cannot be verified: " + e.getMessage());
        }
        if (!valid) {
            throw new ScepFailure(FailInfo.BAD_MESSAGE_CHECK, "the pkiMessage signature does not verify with the signer's certificate");
        }
    }

    /**
     * The reply's certificate is encrypted to the signer's certificate by RSA key transport, so a
     * request whose signer has another key is refused before anything is issued for it.
     */
    public void requireRsaSigner() {
        if (!org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.rsaEncryption.equals(signer.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm())) {
            throw new ScepFailure(FailInfo.BAD_ALG, "the request is signed with a " + signer.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm()
                    + " key; the certificate can only be returned encrypted to an RSA key (RSA key transport)");
        }
    }

    /** @throws ScepFailure (badRequest) for a missing or unknown messageType */
    public MessageType type() {
        if (messageType == null) {
            throw new ScepFailure(FailInfo.BAD_REQUEST, "the pkiMessage has no messageType");
        }
        return MessageType.of(messageType)
                .orElseThrow(() -> new ScepFailure(FailInfo.BAD_REQUEST, "messageType " + messageType + " is not one this server knows"));
    }

    /** The pkcsPKIEnvelope (CMS EnvelopedData DER). */
    public byte[] envelope() {
        if (envelope == null || envelope.length == 0) {
            throw new ScepFailure(FailInfo.BAD_REQUEST, "the pkiMessage has no pkcsPKIEnvelope");
        }
        return envelope.clone();
    }

    public X509CertificateHolder signer() {
        return signer;
    }

    public String transactionId() {
        return transactionId;
    }

    public byte[] senderNonce() {
        return senderNonce.clone();
    }

    private static Optional<ASN1Encodable> value(AttributeTable table, ASN1ObjectIdentifier oid) {
        Attribute attribute = table.get(oid);
        if (attribute == null || attribute.getAttrValues().size() != 1) {
            return Optional.empty();
        }
        return Optional.of(attribute.getAttrValues().getObjectAt(0));
    }

    private static Optional<String> string(AttributeTable table, ASN1ObjectIdentifier oid) {
        return value(table, oid).filter(v -> v instanceof ASN1String).map(v -> ((ASN1String) v).getString());
    }
}
