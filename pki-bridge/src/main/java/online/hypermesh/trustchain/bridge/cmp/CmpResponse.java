package online.hypermesh.trustchain.bridge.cmp;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cmp.CMPCertificate;
import org.bouncycastle.asn1.cmp.CMPObjectIdentifiers;
import org.bouncycastle.asn1.cmp.CertOrEncCert;
import org.bouncycastle.asn1.cmp.CertRepMessage;
import org.bouncycastle.asn1.cmp.CertResponse;
import org.bouncycastle.asn1.cmp.CertifiedKeyPair;
import org.bouncycastle.asn1.cmp.ErrorMsgContent;
import org.bouncycastle.asn1.cmp.GenRepContent;
import org.bouncycastle.asn1.cmp.InfoTypeAndValue;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIFreeText;
import org.bouncycastle.asn1.cmp.PKIHeader;
import org.bouncycastle.asn1.cmp.PKIHeaderBuilder;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.cmp.RevRepContentBuilder;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;

/**
 * A response to one request (RFC 4210 5.1.1, RFC 9483 3.1): the same pvno and transactionID, the
 * request's senderNonce as recipNonce and a fresh senderNonce, sent from the CA's name to the
 * request's sender. Protected by PBMAC with the request's secret when the sender was
 * authenticated by it (with the same senderKID), by the server's {@link ProtectionKey} when the
 * sender was authenticated by its signature, unprotected otherwise (an unknown sender or a wrong
 * MAC has no secret to protect the answer with).
 */
public final class CmpResponse {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final X500Name NULL_DN = new X500Name(new org.bouncycastle.asn1.x500.RDN[0]);

    private final CmpRequest request;
    private final X500Name sender;
    private final PKIBody body;
    private boolean implicitConfirm;
    private Date confirmWaitTime;
    private final List<CMPCertificate> extraCerts = new ArrayList<>();

    private CmpResponse(CmpRequest request, X500Name sender, PKIBody body) {
        this.request = request;
        this.sender = sender;
        this.body = body;
    }

    /** A response with {@code body} to {@code request} (null for a body that could not be decoded). */
    public static CmpResponse to(CmpRequest request, X500Name sender, PKIBody body) {
        return new CmpResponse(request, sender, body);
    }

    /** Grants the implicit confirmation the request asked for: no certConf follows (RFC 4210 5.1.1.1). */
    public CmpResponse implicitConfirm() {
        implicitConfirm = true;
        return this;
    }

    /** Until when the server waits for the certConf (id-it-confirmWaitTime, RFC 4210 5.1.1.2). */
    public CmpResponse confirmWaitTime(java.time.Instant until) {
        confirmWaitTime = Date.from(until);
        return this;
    }

    /** Certificates for the client to build the chain with (extraCerts, RFC 9483 3.3). */
    public CmpResponse extraCerts(List<X509CertificateHolder> certificates) {
        certificates.forEach(c -> extraCerts.add(new CMPCertificate(c.toASN1Structure())));
        return this;
    }

    /** The DER response, MAC-protected with {@code secret} (the request must have been MAC-protected). */
    public byte[] protectedWith(byte[] secret) {
        PKIHeader header = header(sender, PasswordBasedMac.responseAlgorithm(request.header().getProtectionAlg()), request.senderKid());
        return encode(new PKIMessage(header, body, new DERBitString(PasswordBasedMac.protect(header, body, secret)), certs()));
    }

    /**
     * The DER response signed by {@code key} (RFC 9483 3.2): sent from its certificate's subject
     * under its key identifier, with the certificate and its chain first in extraCerts.
     */
    public byte[] protectedBy(ProtectionKey key) {
        ContentSigner signer = key.signer();
        PKIHeader header = header(key.certificate().getSubject(), signer.getAlgorithmIdentifier(),
                SignatureProtection.subjectKeyId(key.certificate()));
        List<CMPCertificate> all = new ArrayList<>();
        all.add(new CMPCertificate(key.certificate().toASN1Structure()));
        key.chain().forEach(c -> all.add(new CMPCertificate(c.toASN1Structure())));
        extraCerts.stream().filter(c -> !all.contains(c)).forEach(all::add);
        return encode(new PKIMessage(header, body, new DERBitString(SignatureProtection.sign(header, body, signer)),
                all.toArray(CMPCertificate[]::new)));
    }

    /** The DER response without protection: only for errors to a sender who was not authenticated. */
    public byte[] unprotected() {
        return encode(new PKIMessage(header(sender, null, null), body, null, certs()));
    }

    private CMPCertificate[] certs() {
        return extraCerts.isEmpty() ? null : extraCerts.toArray(CMPCertificate[]::new);
    }

    private PKIHeader header(X500Name from, org.bouncycastle.asn1.x509.AlgorithmIdentifier protection, byte[] senderKid) {
        int pvno = request != null && request.pvno() == PKIHeader.CMP_2021 ? PKIHeader.CMP_2021 : PKIHeader.CMP_2000;
        GeneralName recipient = request != null && request.sender() != null ? request.sender() : new GeneralName(NULL_DN);
        PKIHeaderBuilder h = new PKIHeaderBuilder(pvno, new GeneralName(from), recipient);
        h.setMessageTime(new DERGeneralizedTime(new Date()));
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        h.setSenderNonce(nonce);
        if (request != null) {
            if (request.transactionId() != null) {
                h.setTransactionID(request.transactionId());
            }
            if (request.senderNonce() != null) {
                h.setRecipNonce(request.senderNonce());
            }
        }
        if (protection != null) {
            h.setProtectionAlg(protection);
            if (senderKid != null) {
                h.setSenderKID(senderKid);
            }
        }
        List<InfoTypeAndValue> info = new ArrayList<>();
        if (implicitConfirm) {
            info.add(new InfoTypeAndValue(CMPObjectIdentifiers.it_implicitConfirm, DERNull.INSTANCE));
        }
        if (confirmWaitTime != null) {
            info.add(new InfoTypeAndValue(CMPObjectIdentifiers.it_confirmWaitTime, new DERGeneralizedTime(confirmWaitTime)));
        }
        if (!info.isEmpty()) {
            h.setGeneralInfo(info.toArray(InfoTypeAndValue[]::new));
        }
        return h.build();
    }

    private static byte[] encode(PKIMessage message) {
        try {
            return message.getEncoded(ASN1Encoding.DER);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot encode a PKIMessage", e);
        }
    }

    // --- bodies ---

    /** The response type for an enrollment request: ir gets ip, cr and p10cr get cp, kur gets kup. */
    public static int responseType(int requestType) {
        return switch (requestType) {
            case PKIBody.TYPE_INIT_REQ -> PKIBody.TYPE_INIT_REP;
            case PKIBody.TYPE_CERT_REQ, PKIBody.TYPE_P10_CERT_REQ -> PKIBody.TYPE_CERT_REP;
            case PKIBody.TYPE_KEY_UPDATE_REQ -> PKIBody.TYPE_KEY_UPDATE_REP;
            default -> throw new IllegalArgumentException("body type " + requestType + " is no enrollment request");
        };
    }

    /** An ip, cp or kup granting {@code certificate} for {@code certReqId}, with {@code caPubs} (may be empty). */
    public static PKIBody certificate(int type, long certReqId, X509CertificateHolder certificate, List<X509CertificateHolder> caPubs) {
        CertResponse response = new CertResponse(new ASN1Integer(certReqId), new PKIStatusInfo(PKIStatus.granted),
                new CertifiedKeyPair(new CertOrEncCert(new CMPCertificate(certificate.toASN1Structure()))), null);
        CMPCertificate[] pubs = caPubs.isEmpty() ? null
                : caPubs.stream().map(c -> new CMPCertificate(c.toASN1Structure())).toArray(CMPCertificate[]::new);
        return new PKIBody(type, new CertRepMessage(pubs, new CertResponse[] {response}));
    }

    /** An ip, cp or kup saying the request for {@code certReqId} waits (status waiting, RFC 9483 4.4): the client polls with pollReq. */
    public static PKIBody waiting(int type, long certReqId) {
        CertResponse response = new CertResponse(new ASN1Integer(certReqId), new PKIStatusInfo(PKIStatus.waiting), null, null);
        return new PKIBody(type, new CertRepMessage(null, new CertResponse[] {response}));
    }

    /** An ip, cp or kup refusing the request for {@code certReqId}: the answer to a pollReq once the request was refused. */
    public static PKIBody rejected(int type, long certReqId, CmpFailure failure) {
        CertResponse response = new CertResponse(new ASN1Integer(certReqId), rejection(failure), null, null);
        return new PKIBody(type, new CertRepMessage(null, new CertResponse[] {response}));
    }

    /** A pollRep (RFC 4210 5.3.22): still waiting; ask again after {@code checkAfterSeconds}. */
    public static PKIBody pollRep(long certReqId, int checkAfterSeconds) {
        return new PKIBody(PKIBody.TYPE_POLL_REP, new org.bouncycastle.asn1.cmp.PollRepContent(new ASN1Integer(certReqId),
                new ASN1Integer(checkAfterSeconds)));
    }

    /** An error message (RFC 4210 5.3.21): rejection, the failure bits and the text. */
    public static PKIBody error(CmpFailure failure) {
        return new PKIBody(PKIBody.TYPE_ERROR, new ErrorMsgContent(rejection(failure)));
    }

    public static PKIStatusInfo rejection(CmpFailure failure) {
        return new PKIStatusInfo(PKIStatus.rejection, new PKIFreeText(failure.text()), new PKIFailureInfo(failure.failInfo()));
    }

    /** The pkiConf that answers a certConf (RFC 4210 5.3.17). */
    public static PKIBody pkiConf() {
        return new PKIBody(PKIBody.TYPE_CONFIRM, DERNull.INSTANCE);
    }

    /** An rp granting the one revocation asked for. */
    public static PKIBody revoked() {
        return new PKIBody(PKIBody.TYPE_REVOCATION_REP, new RevRepContentBuilder().add(new PKIStatusInfo(PKIStatus.granted)).build());
    }

    /** A genp (RFC 4210 5.3.19) with id-it-caCerts (RFC 9483 4.3.1): the CA certificates, issuing CAs first. */
    public static PKIBody caCerts(List<X509CertificateHolder> certificates) {
        ASN1EncodableVector v = new ASN1EncodableVector();
        certificates.forEach(c -> v.add(new CMPCertificate(c.toASN1Structure())));
        return genp(new InfoTypeAndValue(CMPObjectIdentifiers.id_it_caCerts, new DERSequence(v)));
    }

    /** A genp with the given values; an infoType this server has nothing for is answered without a value (RFC 4210 5.3.19). */
    public static PKIBody genp(InfoTypeAndValue... values) {
        return new PKIBody(PKIBody.TYPE_GEN_REP, new GenRepContent(values));
    }
}
