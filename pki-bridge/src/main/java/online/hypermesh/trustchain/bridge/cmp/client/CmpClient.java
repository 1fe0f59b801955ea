package online.hypermesh.trustchain.bridge.cmp.client;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cmp.CMPCertificate;
import org.bouncycastle.asn1.cmp.CMPObjectIdentifiers;
import org.bouncycastle.asn1.cmp.CertConfirmContent;
import org.bouncycastle.asn1.cmp.CertRepMessage;
import org.bouncycastle.asn1.cmp.CertResponse;
import org.bouncycastle.asn1.cmp.CertStatus;
import org.bouncycastle.asn1.cmp.ErrorMsgContent;
import org.bouncycastle.asn1.cmp.PBMParameter;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIFreeText;
import org.bouncycastle.asn1.cmp.PKIHeader;
import org.bouncycastle.asn1.cmp.PKIHeaderBuilder;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.cmp.RevDetails;
import org.bouncycastle.asn1.cmp.RevRepContent;
import org.bouncycastle.asn1.cmp.RevReqContent;
import org.bouncycastle.asn1.crmf.CertTemplateBuilder;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.cmp.GeneralPKIMessage;
import org.bouncycastle.cert.cmp.ProtectedPKIMessage;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

import online.hypermesh.trustchain.bridge.cmp.CmpFailure;
import online.hypermesh.trustchain.bridge.cmp.PasswordBasedMac;

/**
 * A CMP client of one external CA. {@link #enroll} sends a PKCS#10 request (p10cr: the CSR's own
 * signature is the proof of possession, so the requester's private key is never needed) and
 * returns the certificate before it is confirmed, so the caller checks it and then accepts or
 * rejects it with certConf (RFC 4210 5.3.18; the CA answers pkiConf). {@link #revoke} sends rr.
 *
 * <p>Every request is protected with a password-based MAC (PBMAC, SHA-256 and HMAC-SHA256) under
 * the endpoint's reference and secret. A response must belong to the transaction (transactionID,
 * recipNonce) and be protected, by the same secret or by a signature of the CA's certificate; a
 * certificate in an unprotected or wrongly protected answer is never used. Thread-safe.
 */
public final class CmpClient {
    private static final String CONTENT_TYPE = "application/pkixcmp";
    private static final int MAC_ITERATIONS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final X500Name NULL_DN = new X500Name(new org.bouncycastle.asn1.x500.RDN[0]);
    private static final int MAX_RESPONSE_BYTES = 1 << 20;

    private final ExternalCaEndpoint endpoint;
    private final HttpClient http;

    public CmpClient(ExternalCaEndpoint endpoint) {
        this.endpoint = endpoint;
        this.http = HttpClient.newBuilder().connectTimeout(endpoint.timeout()).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public ExternalCaEndpoint endpoint() {
        return endpoint;
    }

    /**
     * A certificate the CA issued and awaits confirmation for. Exactly one of {@link #accept} or
     * {@link #reject} should follow; a CA that gets neither may revoke it after its confirmWaitTime.
     *
     * @param chain the CA certificates the answer carried (caPubs, then extraCerts), for building the chain
     */
    public record Enrolled(X509CertificateHolder certificate, List<X509CertificateHolder> chain, Transaction transaction) {
    }

    /** The open transaction of an enrollment. */
    public final class Transaction {
        private final byte[] transactionId;
        private final byte[] caNonce;
        private final BigInteger certReqId;
        private final X509CertificateHolder certificate;

        private Transaction(byte[] transactionId, byte[] caNonce, BigInteger certReqId, X509CertificateHolder certificate) {
            this.transactionId = transactionId;
            this.caNonce = caNonce;
            this.certReqId = certReqId;
            this.certificate = certificate;
        }

        /** certConf accepting the certificate; returns once the CA answered pkiConf. */
        public void accept() {
            confirm(null);
        }

        /** certConf rejecting the certificate with {@code reason} (RFC 4210 5.3.18: the CA revokes it). */
        public void reject(String reason) {
            confirm(new PKIStatusInfo(PKIStatus.rejection, new PKIFreeText(reason), new PKIFailureInfo(PKIFailureInfo.badCertTemplate)));
        }

        private void confirm(PKIStatusInfo status) {
            byte[] hash = certHash(certificate);
            CertStatus certStatus = status == null ? new CertStatus(hash, certReqId) : new CertStatus(hash, certReqId, status);
            PKIBody body = new PKIBody(PKIBody.TYPE_CERT_CONFIRM, CertConfirmContent.getInstance(new DERSequence(certStatus)));
            PKIMessage answer = exchange(transactionId, random(16), caNonce, body, "certConf");
            if (answer.getBody().getType() != PKIBody.TYPE_CONFIRM) {
                throw unexpected(answer, "pkiConf", "certConf");
            }
        }
    }

    /**
     * Asks for a certificate for the PKCS#10 request {@code csrDer}.
     *
     * @throws ExternalCaException if the CA is unreachable, refuses, or answers with something not trusted
     */
    public Enrolled enroll(byte[] csrDer) {
        return enroll(newTransactionId(), csrDer);
    }

    /** A fresh transactionID (RFC 4210 5.1.1: 128 random bits), for a caller that records it before {@link #enroll(byte[], byte[])}. */
    public static byte[] newTransactionId() {
        return random(16);
    }

    /** {@link #enroll(byte[])} under the caller's {@code transactionId}, so the caller can record it first. */
    public Enrolled enroll(byte[] transactionId, byte[] csrDer) {
        PKIBody body = new PKIBody(PKIBody.TYPE_P10_CERT_REQ, CertificationRequest.getInstance(csrDer));
        byte[] nonce = random(16);
        PKIMessage answer = exchange(transactionId, nonce, null, body, "p10cr");
        int type = answer.getBody().getType();
        if (type != PKIBody.TYPE_CERT_REP && type != PKIBody.TYPE_INIT_REP) {
            throw unexpected(answer, "cp", "p10cr");
        }
        CertRepMessage rep = CertRepMessage.getInstance(answer.getBody().getContent());
        CertResponse[] responses = rep.getResponse();
        if (responses.length != 1) {
            throw bad("its cp holds " + responses.length + " responses to our one request");
        }
        CertResponse response = responses[0];
        PKIStatusInfo status = response.getStatus();
        int code = status.getStatus().intValue();
        if (code == PKIStatus.WAITING) {
            throw new ExternalCaException(ExternalCaException.Kind.UNREACHABLE, "external CA " + endpoint.name()
                    + " answered 'waiting' (its issuance needs a manual step); TrustChain does not poll, retry once it is approved");
        }
        if (code != PKIStatus.GRANTED && code != PKIStatus.GRANTED_WITH_MODS) {
            throw refused(status, "rejected the certificate request");
        }
        if (response.getCertifiedKeyPair() == null || response.getCertifiedKeyPair().getCertOrEncCert().getCertificate() == null) {
            throw bad("its cp grants the request but carries no plain certificate");
        }
        X509CertificateHolder certificate = holder(response.getCertifiedKeyPair().getCertOrEncCert().getCertificate());
        List<X509CertificateHolder> chain = new ArrayList<>();
        if (rep.getCaPubs() != null) {
            for (CMPCertificate c : rep.getCaPubs()) {
                chain.add(holder(c));
            }
        }
        if (answer.getExtraCerts() != null) {
            for (CMPCertificate c : answer.getExtraCerts()) {
                X509CertificateHolder h = holder(c);
                if (!h.equals(certificate) && !chain.contains(h)) {
                    chain.add(h);
                }
            }
        }
        return new Enrolled(certificate, List.copyOf(chain),
                new Transaction(transactionId, answer.getHeader().getSenderNonce().getOctets(), response.getCertReqId().getValue(), certificate));
    }

    /**
     * Asks the CA to revoke its certificate {@code issuer}/{@code serial} for RFC 5280 reason code {@code reason}.
     *
     * @throws ExternalCaException if the CA is unreachable or does not revoke it
     */
    public void revoke(X500Name issuer, BigInteger serial, int reason) {
        CertTemplateBuilder template = new CertTemplateBuilder().setIssuer(issuer).setSerialNumber(new ASN1Integer(serial));
        Extensions crlEntry;
        try {
            crlEntry = new Extensions(new Extension(Extension.reasonCode, false, CRLReason.lookup(reason).getEncoded(ASN1Encoding.DER)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        PKIBody body = new PKIBody(PKIBody.TYPE_REVOCATION_REQ, new RevReqContent(new RevDetails(template.build(), crlEntry)));
        PKIMessage answer = exchange(random(16), random(16), null, body, "rr");
        if (answer.getBody().getType() != PKIBody.TYPE_REVOCATION_REP) {
            throw unexpected(answer, "rp", "rr");
        }
        PKIStatusInfo[] statuses = RevRepContent.getInstance(answer.getBody().getContent()).getStatus();
        if (statuses.length != 1) {
            throw bad("its rp holds " + statuses.length + " statuses to our one revocation");
        }
        int code = statuses[0].getStatus().intValue();
        if (code != PKIStatus.GRANTED && code != PKIStatus.GRANTED_WITH_MODS) {
            throw refused(statuses[0], "did not revoke certificate " + serial.toString(16));
        }
    }

    /**
     * One protected request and its checked response; an error body becomes a refusal.
     *
     * @param recipNonce the CA's last senderNonce within the transaction, null for its first message
     */
    private PKIMessage exchange(byte[] transactionId, byte[] nonce, byte[] recipNonce, PKIBody body, String what) {
        PKIMessage request = protect(transactionId, nonce, recipNonce, body);
        byte[] encoded;
        try {
            encoded = request.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] bytes = post(encoded, what);
        PKIMessage answer;
        try {
            answer = PKIMessage.getInstance(bytes);
        } catch (RuntimeException e) {
            throw bad("its answer to " + what + " is not a CMP message (" + e.getMessage() + ")");
        }
        PKIHeader header = answer.getHeader();
        String protection = protectionProblem(answer);
        if (answer.getBody().getType() == PKIBody.TYPE_ERROR) {
            // An error carries no certificate, so even one whose protection fails is shown: it is the only explanation there is.
            PKIStatusInfo status = ErrorMsgContent.getInstance(answer.getBody().getContent()).getPKIStatusInfo();
            if (protection != null) {
                // Most likely the CA could not check our MAC either: a configuration fault, not the request's.
                ExternalCaException e = refused(status, "refused our " + what);
                throw new ExternalCaException(ExternalCaException.Kind.BAD_RESPONSE, e.getMessage() + "; " + protection, e.failInfo(),
                        e.statusText(), null);
            }
            throw refused(status, "refused our " + what);
        }
        if (protection != null) {
            throw bad(protection);
        }
        if (header.getTransactionID() == null || !MessageDigest.isEqual(transactionId, header.getTransactionID().getOctets())) {
            throw bad("its answer to " + what + " belongs to another transaction (transactionID differs)");
        }
        if (header.getRecipNonce() == null || !MessageDigest.isEqual(nonce, header.getRecipNonce().getOctets())) {
            throw bad("its answer to " + what + " does not echo our senderNonce as recipNonce (a replayed or misrouted answer)");
        }
        if (header.getSenderNonce() == null) {
            throw bad("its answer to " + what + " has no senderNonce");
        }
        return answer;
    }

    /** Null if the answer is protected by our secret or by the CA certificate's key, else why not. */
    private String protectionProblem(PKIMessage answer) {
        AlgorithmIdentifier alg = answer.getHeader().getProtectionAlg();
        if (alg == null || answer.getProtection() == null) {
            return "its answer is not protected, so it cannot be trusted";
        }
        if (CMPObjectIdentifiers.passwordBasedMac.equals(alg.getAlgorithm())) {
            try {
                return PasswordBasedMac.verify(answer, endpoint.secret()) ? null
                        : "its answer's MAC does not verify with our shared secret: the secret (or the reference '" + endpoint.reference()
                        + "' it belongs to) is not the one the external CA has";
            } catch (CmpFailure e) {
                return "its answer's MAC cannot be checked: " + e.text();
            }
        }
        try {
            boolean ok = new ProtectedPKIMessage(new GeneralPKIMessage(answer))
                    .verify(new JcaContentVerifierProviderBuilder().build(endpoint.caCertificate()));
            return ok ? null : "its answer's signature does not verify with the configured external CA certificate";
        } catch (Exception e) {
            return "its answer's signature cannot be checked with the configured external CA certificate: " + e.getMessage();
        }
    }

    private PKIMessage protect(byte[] transactionId, byte[] nonce, byte[] recipNonce, PKIBody body) {
        PBMParameter parameters = new PBMParameter(random(16), new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256),
                MAC_ITERATIONS, new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256));
        PKIHeaderBuilder builder = new PKIHeaderBuilder(PKIHeader.CMP_2000, new GeneralName(NULL_DN),
                new GeneralName(endpoint.caCertificate().getSubject()));
        builder.setMessageTime(new ASN1GeneralizedTime(new Date()));
        builder.setTransactionID(transactionId);
        builder.setSenderNonce(nonce);
        if (recipNonce != null) {
            builder.setRecipNonce(recipNonce);
        }
        builder.setSenderKID(new DEROctetString(endpoint.reference().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        builder.setProtectionAlg(new AlgorithmIdentifier(CMPObjectIdentifiers.passwordBasedMac, parameters));
        PKIHeader header = builder.build();
        byte[] mac = PasswordBasedMac.protect(header, body, endpoint.secret());
        return new PKIMessage(header, body, new DERBitString(mac));
    }

    private byte[] post(byte[] body, String what) {
        HttpRequest request = HttpRequest.newBuilder(endpoint.url()).timeout(endpoint.timeout()).header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw unreachable("did not answer our " + what + " within " + endpoint.timeout().toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw unreachable("refused the connection for our " + what + " (is it running at " + endpoint.url() + "?)", e);
        } catch (IOException e) {
            throw unreachable("cannot be reached for our " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("was not waited for: interrupted", e);
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        byte[] bytes = response.body();
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith(CONTENT_TYPE) || bytes == null || bytes.length == 0) {
            throw unreachable("answered our " + what + " with HTTP " + response.statusCode() + " and no CMP message (Content-Type '"
                    + type + "')", null);
        }
        if (bytes.length > MAX_RESPONSE_BYTES) {
            throw bad("its answer to " + what + " is larger than " + MAX_RESPONSE_BYTES + " bytes");
        }
        return bytes;
    }

    private ExternalCaException unexpected(PKIMessage answer, String expected, String what) {
        return bad("it answered our " + what + " with body type " + answer.getBody().getType() + ", not " + expected);
    }

    private ExternalCaException refused(PKIStatusInfo status, String what) {
        String text = text(status.getStatusString());
        int failInfo = status.getFailInfo() == null ? 0 : status.getFailInfo().intValue();
        StringBuilder message = new StringBuilder("external CA ").append(endpoint.name()).append(' ').append(what);
        message.append(": status ").append(status.getStatus().intValue());
        if (failInfo != 0) {
            message.append(", failInfo ").append(FailureBits.names(failInfo));
        }
        if (text != null) {
            message.append(", \"").append(text).append('"');
        }
        return new ExternalCaException(ExternalCaException.Kind.REFUSED, message.toString(), failInfo, text, null);
    }

    private ExternalCaException bad(String problem) {
        return new ExternalCaException(ExternalCaException.Kind.BAD_RESPONSE, "external CA " + endpoint.name() + ": " + problem);
    }

    private ExternalCaException unreachable(String problem, Throwable cause) {
        return new ExternalCaException(ExternalCaException.Kind.UNREACHABLE, "external CA " + endpoint.name() + " " + problem, 0, null, cause);
    }

    private static String text(PKIFreeText text) {
        if (text == null || text.size() == 0) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            parts.add(text.getStringAtUTF8(i).getString());
        }
        return String.join("; ", parts);
    }

    private X509CertificateHolder holder(CMPCertificate certificate) {
        if (!certificate.isX509v3PKCert()) {
            throw bad("it sent a certificate that is not X.509");
        }
        return new X509CertificateHolder(certificate.getX509v3PKCert());
    }

    /** RFC 4210 5.3.18: the hash of the certificate with the digest of its own signature algorithm. */
    static byte[] certHash(X509CertificateHolder certificate) {
        try {
            AlgorithmIdentifier digest = new DefaultDigestAlgorithmIdentifierFinder().find(certificate.getSignatureAlgorithm());
            DigestCalculator calculator = new BcDigestCalculatorProvider().get(digest);
            try (OutputStream out = calculator.getOutputStream()) {
                out.write(certificate.getEncoded());
            }
            return calculator.getDigest();
        } catch (Exception e) {
            throw new IllegalStateException("cannot hash certificate " + certificate.getSerialNumber().toString(16) + " for certConf", e);
        }
    }

    private static byte[] random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return b;
    }
}
