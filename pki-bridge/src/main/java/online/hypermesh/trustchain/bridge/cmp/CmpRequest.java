package online.hypermesh.trustchain.bridge.cmp;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cmp.CMPObjectIdentifiers;
import org.bouncycastle.asn1.cmp.InfoTypeAndValue;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIHeader;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * One CMP request as received: the PKIMessage with the header fields a server answers with
 * (transactionID, senderNonce, senderKID, pvno) and how it is protected. Parsing checks only what
 * every message needs (RFC 9483 3.1: a transactionID and a senderNonce of at least 16 octets);
 * the body is read by the class for its type.
 */
public final class CmpRequest {
    /** A request is a few kilobytes (a CRMF or PKCS#10 request); this leaves room for RSA-8192 and many names. */
    public static final int MAX_BYTES = 64 * 1024;
    private static final int MIN_NONCE = 16;
    /** The server keeps a transaction under its ID; 64 octets is four times what RFC 9483 asks for. */
    public static final int MAX_TRANSACTION_ID = 64;
    /** How far a request's messageTime may be from the server's clock (RFC 9483 3.1: badTime beyond a window the server chooses). */
    public static final java.time.Duration MAX_CLOCK_SKEW = java.time.Duration.ofMinutes(10);

    private final PKIMessage message;
    private final byte[] encoded;

    private CmpRequest(PKIMessage message, byte[] encoded) {
        this.message = message;
        this.encoded = encoded;
    }

    /** @throws CmpFailure undecodable for anything that is not a DER PKIMessage */
    public static CmpRequest parse(byte[] der) {
        if (der == null || der.length == 0) {
            throw CmpFailure.undecodable("the request body is empty; POST a DER PKIMessage as application/pkixcmp (RFC 6712)");
        }
        if (der.length > MAX_BYTES) {
            throw CmpFailure.undecodable("the request is " + der.length + " bytes; at most " + MAX_BYTES + " are accepted");
        }
        PKIMessage message;
        try {
            message = PKIMessage.getInstance(ASN1Sequence.fromByteArray(der));
            message.getHeader().getPvno();
            message.getBody().getType();
        } catch (Exception e) {
            throw CmpFailure.undecodable("the request body is not a DER PKIMessage (RFC 4210 5.1): " + e.getMessage());
        }
        return new CmpRequest(message, der.clone());
    }

    /**
     * Checks what every request's header needs; separate from {@link #parse} so that a refusal is
     * still answered with the request's transactionID and nonces.
     *
     * @throws CmpFailure unsupportedVersion, badRequest, badSenderNonce or badTime
     */
    public void checkHeader(java.time.Instant now) {
        CmpRequest request = this;
        int pvno = request.pvno();
        if (pvno != PKIHeader.CMP_2000 && pvno != PKIHeader.CMP_2021) {
            throw new CmpFailure(PKIFailureInfo.unsupportedVersion, "pvno " + pvno + " is not supported; send cmp2000 (2) or cmp2021 (3)");
        }
        if (request.transactionId() == null || request.transactionId().length < MIN_NONCE) {
            throw CmpFailure.badRequest("the header needs a transactionID of at least 128 bits (RFC 9483 3.1)");
        }
        if (request.transactionId().length > MAX_TRANSACTION_ID) {
            throw CmpFailure.badRequest("the transactionID is " + request.transactionId().length + " octets; at most " + MAX_TRANSACTION_ID
                    + " are accepted");
        }
        if (request.senderNonce() == null || request.senderNonce().length < MIN_NONCE) {
            throw new CmpFailure(PKIFailureInfo.badSenderNonce, "the header needs a senderNonce of at least 128 bits (RFC 9483 3.1)");
        }
        if (message.getHeader().getMessageTime() != null) {
            java.time.Instant sent;
            try {
                sent = message.getHeader().getMessageTime().getDate().toInstant();
            } catch (java.text.ParseException | RuntimeException e) {
                throw new CmpFailure(PKIFailureInfo.badDataFormat, "the header's messageTime is not a GeneralizedTime");
            }
            if (java.time.Duration.between(sent, now).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
                throw new CmpFailure(PKIFailureInfo.badTime, "the messageTime " + sent + " is more than " + MAX_CLOCK_SKEW.toMinutes()
                        + " minutes from the server's time " + now + "; check the client's clock");
            }
        }
    }

    public PKIMessage message() {
        return message;
    }

    public PKIHeader header() {
        return message.getHeader();
    }

    public PKIBody body() {
        return message.getBody();
    }

    /** The PKIBody CHOICE tag, e.g. {@link PKIBody#TYPE_INIT_REQ}. */
    public int bodyType() {
        return message.getBody().getType();
    }

    /** The body's name in RFC 4210's terms (ir, cr, p10cr, kur, rr, certConf, genm...), for messages and the audit trail. */
    public String bodyName() {
        return BodyNames.of(bodyType());
    }

    public int pvno() {
        try {
            return message.getHeader().getPvno().intValueExact();
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    public byte[] transactionId() {
        return octets(message.getHeader().getTransactionID());
    }

    /** The transactionID as lower-case hex: the key the server keeps a transaction under. */
    public String transactionIdHex() {
        return HexFormat.of().formatHex(transactionId());
    }

    public byte[] senderNonce() {
        return octets(message.getHeader().getSenderNonce());
    }

    public byte[] senderKid() {
        return octets(message.getHeader().getSenderKID());
    }

    /** The senderKID as the text openssl's -ref sets, or null; a reference is printable ASCII. */
    public String senderKidText() {
        byte[] kid = senderKid();
        if (kid == null) {
            return null;
        }
        for (byte b : kid) {
            if (b < 0x21 || b > 0x7e) {
                return null;
            }
        }
        return new String(kid, StandardCharsets.US_ASCII);
    }

    public GeneralName sender() {
        return message.getHeader().getSender();
    }

    public boolean isProtected() {
        return message.getProtection() != null && message.getHeader().getProtectionAlg() != null;
    }

    /** Password-based MAC (RFC 4210 5.1.3.1): the protection the server verifies. */
    public boolean isMacProtected() {
        return isProtected() && CMPObjectIdentifiers.passwordBasedMac.equals(message.getHeader().getProtectionAlg().getAlgorithm());
    }

    /** Signature-based protection (RFC 4210 5.1.3.3): verified against the certificate it carries, {@link SignatureProtection}. */
    public boolean isSignatureProtected() {
        return isProtected() && SignatureProtection.isSignature(message);
    }

    /** The client asks to skip certConf (RFC 4210 5.1.1.1, id-it-implicitConfirm in generalInfo). */
    public boolean implicitConfirmRequested() {
        InfoTypeAndValue[] info = message.getHeader().getGeneralInfo();
        if (info == null) {
            return false;
        }
        for (InfoTypeAndValue i : info) {
            if (CMPObjectIdentifiers.it_implicitConfirm.equals(i.getInfoType())) {
                return true;
            }
        }
        return false;
    }

    /** The bytes as received. */
    public byte[] encoded() {
        return encoded.clone();
    }

    private static byte[] octets(ASN1OctetString s) {
        return s == null ? null : s.getOctets();
    }
}
