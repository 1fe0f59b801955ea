package online.hypermesh.trustchain.ca.cmp;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.cmp.InfoTypeAndValue;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.bridge.cmp.CertConfirmation;
import online.hypermesh.trustchain.bridge.cmp.CmpFailure;
import online.hypermesh.trustchain.bridge.cmp.CmpRequest;
import online.hypermesh.trustchain.bridge.cmp.CmpResponse;
import online.hypermesh.trustchain.bridge.cmp.CrmfRequest;
import online.hypermesh.trustchain.bridge.cmp.GeneralMessage;
import online.hypermesh.trustchain.bridge.cmp.PasswordBasedMac;
import online.hypermesh.trustchain.bridge.cmp.RevocationRequest;
import online.hypermesh.trustchain.bridge.cmp.SignatureProtection;
import online.hypermesh.trustchain.ca.application.BeanTransaction;
import online.hypermesh.trustchain.ca.api.ApprovalView;
import online.hypermesh.trustchain.ca.api.Approvals;
import online.hypermesh.trustchain.ca.api.AuthorityQueries;
import online.hypermesh.trustchain.ca.api.AuthorityView;
import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.CmpReply;
import online.hypermesh.trustchain.ca.api.CmpService;
import online.hypermesh.trustchain.ca.api.IssuanceCommand;
import online.hypermesh.trustchain.ca.api.IssuedCertificate;
import online.hypermesh.trustchain.ca.api.RevocationService;
import online.hypermesh.trustchain.ca.application.BoundAccounts;
import online.hypermesh.trustchain.ca.application.IssuanceBean;
import online.hypermesh.trustchain.ca.application.RenewalBean;
import online.hypermesh.trustchain.ca.config.CmpSettings;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.ca.domain.CertificateRepository;
import online.hypermesh.trustchain.ca.domain.CmpRepository;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.revocation.RevocationReason;
import online.hypermesh.trustchain.core.x509.Pem;
import online.hypermesh.trustchain.core.x509.ProvenKeyRequest;
import online.hypermesh.trustchain.core.x509.SerialNumbers;

/**
 * The CMP server. A request must be protected by a password-based MAC with a shared secret
 * (named by its senderKID) that an administrator made for a TrustChain account, or signed with a
 * certificate this CA issued to an account (RFC 9483 3.2; its answers are then signed by
 * {@link CmpProtectionIdentity}); that account is the caller, with its roles and scopes, for
 * everything the request asks. Each request becomes the call every other edge makes:
 * ir and cr (CRMF, POP by signature) and p10cr issue through {@link IssuanceBean}, kur renews
 * the oldCertID certificate through {@link RenewalBean}, rr revokes through
 * {@link RevocationService}, so the registration authority checks them like any other request.
 *
 * <p>An enrollment answered without implicit confirmation is kept as a transaction until its
 * certConf; a certConf that rejects the certificate revokes it (cessationOfOperation), and so does
 * {@link CmpConfirmationTimeout} when no certConf arrives within the confirmation wait time. Every
 * refusal is an error message with the PKIFailureInfo that fits, protected with the sender's
 * secret once the sender is authenticated, unprotected before; it is audited and stores nothing else.
 *
 * <p>A p10cr whose issuance needs four-eyes approval is held ({@link Approvals}, referenced by
 * the account and transactionID) and answered with status waiting; its pollReqs get a pollRep
 * until the approval decides, then the cp with the certificate or with rejection. An ir or cr
 * cannot wait (an approval carries out PKCS#10 requests only) and is refused with badRequest.
 *
 * <p>Bean-managed transactions, each short: issuance commits its own steps (the CT log lies
 * between them) and must not run inside one of ours.
 */
@Stateless
@TransactionManagement(TransactionManagementType.BEAN)
public class CmpBean implements CmpService {
    private static final Logger LOG = Logger.getLogger(CmpBean.class.getName());
    private static final String UNAUTHENTICATED = "cmp-unauthenticated";
    /** RFC 9810 5.3.4: the response to a p10cr names certReqId -1. */
    private static final long P10_CERT_REQ_ID = -1;
    /** How long a client waits between pollReqs of a request held for approval (pollRep checkAfter). */
    private static final int CHECK_AFTER_SECONDS = 5;

    @Inject
    CmpRepository store;

    @Inject
    CertificateRepository certificates;

    @Inject
    AuditTrail audit;

    @Inject
    CmpSettings settings;

    @EJB
    BoundAccounts boundAccounts;

    @EJB
    IssuanceBean issuance;

    @EJB
    RenewalBean renewal;

    @EJB
    RevocationService revocation;

    @EJB
    AuthorityQueries authorities;

    @EJB
    CmpProtectionIdentity protection;

    @EJB
    Approvals approvals;

    @Resource
    UserTransaction transaction;

    /**
     * The sender once its protection verified: the account's caller and id, the credential that
     * authenticated it (a secret's reference, or the serial of the certificate that signed), and
     * how its answers are protected: with the same secret, or by the CA's CMP protection key.
     */
    private record Sender(Caller caller, long accountId, String credentialName, String credential, byte[] secret, CmpProtectionIdentity signer) {
        byte[] protect(CmpResponse response) {
            return secret != null ? response.protectedWith(secret) : response.protectedBy(signer.current());
        }
    }

    @Override
    public CmpReply handle(byte[] body) {
        try {
            return reply(body);
        } catch (RuntimeException e) {
            // Even the error could not be built (a bug): still a CMP error, never a 500.
            LOG.log(Level.SEVERE, "a CMP request could not be answered", e);
            CmpFailure failure = new CmpFailure(PKIFailureInfo.systemFailure, "the request failed inside the CA; retry later");
            return new CmpReply(200, CmpResponse.to(null, new X500Name("CN=TrustChain"), CmpResponse.error(failure)).unprotected());
        }
    }

    /** Parse, check the header, authenticate, answer; any refusal on the way is the error message. */
    private CmpReply reply(byte[] body) {
        X500Name ca = caName();
        CmpRequest request;
        try {
            request = CmpRequest.parse(body);
        } catch (CmpFailure f) {
            refused(null, null, f);
            return new CmpReply(400, CmpResponse.to(null, ca, CmpResponse.error(f)).unprotected());
        }
        Sender sender = null;
        try {
            request.checkHeader(Instant.now());
            sender = authenticate(request);
            return new CmpReply(200, answer(request, sender, ca));
        } catch (RuntimeException e) {
            CmpFailure failure;
            if (e instanceof SenderFailure sf) {
                sender = sf.sender;
                failure = sf.failure;
            } else {
                failure = failure(e, request.bodyType());
            }
            refused(request, sender, failure);
            CmpResponse error = CmpResponse.to(request, ca, CmpResponse.error(failure));
            return new CmpReply(200, sender != null ? sender.protect(error) : error.unprotected());
        }
    }

    private static CmpFailure failure(RuntimeException e, int requestType) {
        if (e instanceof CmpFailure f) {
            return f;
        }
        TrustChainException refusal = TrustChainException.find(e);
        if (refusal != null) {
            return CmpFailures.of(refusal, requestType);
        }
        LOG.log(Level.WARNING, "a CMP request failed unexpectedly", e);
        return new CmpFailure(PKIFailureInfo.systemFailure, "the request failed inside the CA; retry later (the server log has details)");
    }

    // --- authentication ---

    private Sender authenticate(CmpRequest request) {
        if (!request.isProtected()) {
            throw new CmpFailure(PKIFailureInfo.badMessageCheck, "the request is not protected; protect it with a password-based MAC"
                    + " of a shared secret from POST /api/v1/accounts/{name}/cmp-secrets (openssl cmp -ref <reference> -secret pass:<secret>)"
                    + " or sign it with a certificate this CA issued to the account (openssl cmp -cert <certificate> -key <key>)");
        }
        if (request.isSignatureProtected()) {
            return signedBy(request);
        }
        if (!request.isMacProtected()) {
            throw new CmpFailure(PKIFailureInfo.badAlg, "protection " + request.header().getProtectionAlg().getAlgorithm().getId()
                    + " is not supported; use a password-based MAC (RFC 4210 5.1.3.1) or a signature");
        }
        String reference = request.senderKidText();
        if (reference == null) {
            throw new CmpFailure(PKIFailureInfo.badMessageCheck, "a MAC-protected request must name its secret's reference as senderKID (openssl cmp -ref)");
        }
        CmpRepository.Secret secret = tx(() -> store.findSecret(reference)).orElse(null);
        if (secret == null || !PasswordBasedMac.verify(request.message(), secret.secret())) {
            // One answer for both: an unknown reference and a wrong secret are told apart by nobody.
            throw new CmpFailure(PKIFailureInfo.badMessageCheck, "the protection does not verify: unknown senderKID or wrong secret");
        }
        Caller caller = boundAccounts.callerOf(secret.accountName()).orElse(null);
        Sender sender = new Sender(caller, secret.accountId(), "reference", secret.reference(), secret.secret(), null);
        if (caller == null) {
            throw new SenderFailure(sender, new CmpFailure(PKIFailureInfo.notAuthorized, "account '" + secret.accountName() + "' is disabled"));
        }
        return sender;
    }

    /**
     * Signature-based protection (RFC 9483 3.2): the signature verifies with the protection
     * certificate the request carries, and that certificate is one this CA issued, in force, to an
     * enabled account, which is then the caller. Certificates of other PKIs are not trusted here.
     * Until the certificate is known to be ours the answer is unprotected; after that it is signed.
     */
    private Sender signedBy(CmpRequest request) {
        X509CertificateHolder certificate = SignatureProtection.verifiedSigner(request.message());
        String serial = SerialNumbers.toHex(certificate.getSerialNumber());
        byte[] der;
        try {
            der = certificate.getEncoded();
        } catch (IOException e) {
            throw new CmpFailure(PKIFailureInfo.badMessageCheck, "the CMP protection certificate cannot be encoded");
        }
        CmpRepository.CertificateHolder holder = tx(() -> store.holderOf(serial, der))
                .orElseThrow(() -> new CmpFailure(PKIFailureInfo.signerNotTrusted, "the CMP protection certificate (serial " + serial
                        + ", " + certificate.getSubject() + ") is not one this CA issued to an account; sign with a certificate TrustChain"
                        + " issued, or protect the request with a shared secret"));
        Instant now = Instant.now();
        Caller caller = boundAccounts.callerOf(holder.accountName()).orElse(null);
        Sender sender = new Sender(caller, holder.accountId(), "protection_certificate", serial, null, protection);
        if (!"valid".equals(holder.status()) || now.isBefore(holder.notBefore()) || !now.isBefore(holder.notAfter())) {
            int info = "revoked".equals(holder.status()) ? PKIFailureInfo.certRevoked : PKIFailureInfo.signerNotTrusted;
            throw new CmpFailure(info, "the CMP protection certificate " + serial + " is " + ("valid".equals(holder.status())
                    ? "not valid now (" + holder.notBefore() + " to " + holder.notAfter() + ")" : holder.status()));
        }
        if (caller == null) {
            throw new SenderFailure(sender, new CmpFailure(PKIFailureInfo.notAuthorized, "account '" + holder.accountName() + "' is disabled"));
        }
        if (request.bodyType() == PKIBody.TYPE_KEY_UPDATE_REQ) {
            // RFC 9483 4.1.3: a kur is signed with the certificate it updates.
            CrmfRequest.OldCertId oldCert = CrmfRequest.of(request.body()).oldCert();
            java.math.BigInteger old = oldCert == null ? null : oldCert.serial();
            if (old != null && !old.equals(certificate.getSerialNumber())) {
                throw new SenderFailure(sender, new CmpFailure(PKIFailureInfo.badCertId, "a kur protected by signature must be signed with"
                        + " the certificate it updates (RFC 9483 4.1.3); it names " + SerialNumbers.toHex(old) + " but is signed by " + serial));
            }
        }
        return sender;
    }

    /** A refusal after the sender was authenticated: answered under its protection. */
    private static final class SenderFailure extends RuntimeException {
        final Sender sender;
        final CmpFailure failure;

        SenderFailure(Sender sender, CmpFailure failure) {
            super(failure.text());
            this.sender = sender;
            this.failure = failure;
        }
    }

    // --- dispatch ---

    private byte[] answer(CmpRequest request, Sender sender, X500Name ca) {
        return switch (request.bodyType()) {
            case PKIBody.TYPE_INIT_REQ, PKIBody.TYPE_CERT_REQ -> enroll(request, sender, ca, CrmfRequest.of(request.body()));
            case PKIBody.TYPE_P10_CERT_REQ -> enrollPkcs10(request, sender, ca);
            case PKIBody.TYPE_KEY_UPDATE_REQ -> keyUpdate(request, sender, ca, CrmfRequest.of(request.body()));
            case PKIBody.TYPE_CERT_CONFIRM -> confirm(request, sender, ca);
            case PKIBody.TYPE_REVOCATION_REQ -> revoke(request, sender, ca, RevocationRequest.of(request.body()));
            case PKIBody.TYPE_GEN_MSG -> general(request, sender, ca, GeneralMessage.of(request.body()));
            case PKIBody.TYPE_POLL_REQ -> poll(request, sender, ca);
            default -> throw CmpFailure.badRequest(request.bodyName() + " is not supported; this server answers ir, cr, p10cr, kur,"
                    + " certConf, rr, genm and pollReq");
        };
    }

    private byte[] enroll(CmpRequest request, Sender sender, X500Name ca, CrmfRequest crmf) {
        requireNewTransaction(request);
        IssuanceCommand command = new IssuanceCommand(crmf.der(), settings.profile(), validityHours(crmf), null, sender.caller());
        if (approvals.requiresApproval(command)) {
            // An approval stores and carries out a PKCS#10 request; a CRMF one cannot wait yet, so it is refused, never issued unapproved.
            throw new CmpFailure(PKIFailureInfo.badRequest, "issuance under profile '" + settings.profile() + "' needs a second officer's"
                    + " approval, and only a p10cr can wait for one here; send the request as a p10cr (openssl cmp -cmd p10cr -csr <file>)");
        }
        ProvenKeyRequest proven = new ProvenKeyRequest(crmf.der(), crmf.publicKey(), crmf.subject(), crmf.extensions());
        IssuedCertificate issued = issuance.issueProven(command, proven, null);
        return certified(request, sender, ca, issued, crmf.certReqId());
    }

    private byte[] enrollPkcs10(CmpRequest request, Sender sender, X500Name ca) {
        requireNewTransaction(request);
        byte[] csr;
        try {
            csr = CertificationRequest.getInstance(request.body().getContent()).getEncoded(ASN1Encoding.DER);
        } catch (IOException | RuntimeException e) {
            throw new CmpFailure(PKIFailureInfo.badDataFormat, "the p10cr body is not a PKCS#10 CertificationRequest");
        }
        IssuanceCommand command = new IssuanceCommand(csr, settings.profile(), null, null, sender.caller());
        if (approvals.holdIssuance(command, reference(request, sender)).isPresent()) {
            // RFC 9483 4.4: waiting; only the approval (and its event) is stored until a second officer decides.
            return sender.protect(CmpResponse.to(request, ca, CmpResponse.waiting(PKIBody.TYPE_CERT_REP, P10_CERT_REQ_ID)));
        }
        IssuedCertificate issued = issuance.issue(command);
        return certified(request, sender, ca, issued, P10_CERT_REQ_ID);
    }

    // --- pollReq (RFC 4210 5.3.22, RFC 9483 4.4) ---

    /**
     * A held p10cr's transaction polled: a pollRep with checkAfter while its approval is pending
     * (or approved and still issuing), then the cp with the certificate the approval issued (the
     * transaction is recorded then, waiting for certConf as usual), or a cp with rejection
     * (badRequest) once the approval was refused or failed.
     */
    private byte[] poll(CmpRequest request, Sender sender, X500Name ca) {
        ApprovalView approval = approvals.byReference(reference(request, sender))
                .orElseThrow(() -> CmpFailure.badRequest("no request of account '" + sender.caller().name() + "' waits under transactionID "
                        + request.transactionIdHex() + "; only a p10cr answered 'waiting' can be polled"));
        Object serial = approval.result() == null ? null : approval.result().get("serial");
        if ("pending".equals(approval.status()) || ("approved".equals(approval.status()) && serial == null)) {
            return sender.protect(CmpResponse.to(request, ca, CmpResponse.pollRep(polledCertReqId(request), CHECK_AFTER_SECONDS)));
        }
        if (!"approved".equals(approval.status())) {
            CmpFailure refused = CmpFailure.badRequest("the request was " + approval.status() + " (approval " + approval.id() + ")"
                    + (approval.reason() == null ? "" : ": " + approval.reason()));
            refused(request, sender, refused);
            return sender.protect(CmpResponse.to(request, ca, CmpResponse.rejected(PKIBody.TYPE_CERT_REP, P10_CERT_REQ_ID, refused)));
        }
        if (tx(() -> store.transactionExists(request.transactionIdHex()))) {
            throw CmpFailure.badRequest("the certificate of transactionID " + request.transactionIdHex() + " was delivered already");
        }
        IssuedCertificate issued = stored(serial.toString());
        return certified(request, sender, ca, issued, P10_CERT_REQ_ID);
    }

    /** A certificate an approval issued, as issuance answers it: the leaf and its issuing CA. */
    private IssuedCertificate stored(String serial) {
        var r = tx(() -> certificates.find(serial)).filter(c -> c.der() != null)
                .orElseThrow(() -> TrustChainException.internal("certificate " + serial + ", issued by an approval, is missing", null));
        return new IssuedCertificate(serial, Pem.encode("CERTIFICATE", r.der()),
                List.of(Pem.encode("CERTIFICATE", authorities.certificateDer(r.issuerId()))), r.notBefore(), r.notAfter(), r.profile(), r.issuerId());
    }

    /** The approval's name of a CMP request: its sender's account and transactionID, which the client keeps while it polls. */
    private static String reference(CmpRequest request, Sender sender) {
        return "cmp:" + sender.accountId() + ":" + request.transactionIdHex();
    }

    private static long polledCertReqId(CmpRequest request) {
        try {
            return org.bouncycastle.asn1.cmp.PollReqContent.getInstance(request.body().getContent()).getCertReqIdValues()[0].longValue();
        } catch (RuntimeException e) {
            throw new CmpFailure(PKIFailureInfo.badDataFormat, "the pollReq body names no certReqId");
        }
    }

    private byte[] keyUpdate(CmpRequest request, Sender sender, X500Name ca, CrmfRequest crmf) {
        if (crmf.oldCert() == null) {
            throw CmpFailure.badRequest("a kur must name the certificate it updates in the oldCertID control (openssl cmp -oldcert)");
        }
        requireNewTransaction(request);
        String serial = SerialNumbers.toHex(crmf.oldCert().serial());
        requireHolder(sender, serial);
        ProvenKeyRequest proven = new ProvenKeyRequest(crmf.der(), crmf.publicKey(), crmf.subject(), crmf.extensions());
        IssuedCertificate issued = renewal.renew(serial, proven, validityHours(crmf), sender.caller());
        return certified(request, sender, ca, issued, crmf.certReqId());
    }

    /** The ip, cp or kup with the new certificate; waiting for certConf unless implicit confirmation was asked for and is granted. */
    private byte[] certified(CmpRequest request, Sender sender, X500Name ca, IssuedCertificate issued, long certReqId) {
        boolean implicit = request.implicitConfirmRequested() && settings.implicitConfirm();
        Instant now = Instant.now();
        tx(() -> {
            // Stored settled when implicitly confirmed: a replay of the same request then finds its ID in use.
            if (!store.recordTransaction(request.transactionIdHex(), sender.accountId(), implicit ? "confirmed" : "waiting",
                    issued.serialNumber(), certReqId, now)) {
                throw new CmpFailure(PKIFailureInfo.transactionIdInUse, "transactionID " + request.transactionIdHex() + " is in use");
            }
            audit.record(new AuditEvent(sender.caller().name(), "cmp.certificate.issued", "certificate", issued.serialNumber(),
                    Map.of("request", request.bodyName(), "transaction", request.transactionIdHex(), sender.credentialName(), sender.credential(),
                            "confirmation", implicit ? "implicit" : "certConf")));
            return null;
        });
        List<X509CertificateHolder> chain = new ArrayList<>();
        issued.chainPem().forEach(pem -> chain.add(holder(Pem.decode(pem, "CERTIFICATE"))));
        List<X509CertificateHolder> caPubs = request.bodyType() == PKIBody.TYPE_INIT_REQ ? List.of(root()) : List.of();
        // A polled p10cr (the only request that waits) is answered with its cp.
        int type = request.bodyType() == PKIBody.TYPE_POLL_REQ ? PKIBody.TYPE_CERT_REP : CmpResponse.responseType(request.bodyType());
        PKIBody body = CmpResponse.certificate(type, certReqId,
                holder(Pem.decode(issued.certificatePem(), "CERTIFICATE")), caPubs);
        CmpResponse response = CmpResponse.to(request, ca, body).extraCerts(chain);
        if (implicit) {
            response.implicitConfirm();
        } else {
            response.confirmWaitTime(now.plus(settings.confirmWait()));
        }
        return sender.protect(response);
    }

    private void requireNewTransaction(CmpRequest request) {
        if (tx(() -> store.transactionExists(request.transactionIdHex()))) {
            throw new CmpFailure(PKIFailureInfo.transactionIdInUse, "transactionID " + request.transactionIdHex()
                    + " was used by an earlier enrollment; start a new transaction");
        }
    }

    /** The validity the template asks for, in whole hours from now (rounded up), or null for the profile's default. */
    private static Integer validityHours(CrmfRequest crmf) {
        if (crmf.notAfter() == null) {
            return null;
        }
        long seconds = Duration.between(Instant.now(), crmf.notAfter()).getSeconds();
        if (seconds <= 0) {
            throw new CmpFailure(PKIFailureInfo.badCertTemplate, "the template's notAfter " + crmf.notAfter() + " is in the past");
        }
        return (int) Math.min(Integer.MAX_VALUE, (seconds + 3599) / 3600);
    }

    // --- certConf ---

    private byte[] confirm(CmpRequest request, Sender sender, X500Name ca) {
        String id = request.transactionIdHex();
        String outcome = tx(() -> {
            CmpRepository.Transaction t = store.lockTransaction(id, sender.accountId())
                    .orElseThrow(() -> CmpFailure.badRequest("no enrollment of account '" + sender.caller().name()
                            + "' waits for certConf under transactionID " + id));
            if (!"waiting".equals(t.state())) {
                throw CmpFailure.badRequest("the enrollment of transactionID " + id + " was " + t.state() + " already"
                        + ("expired".equals(t.state()) ? " (no certConf within " + settings.confirmWait().toSeconds() + " s; the certificate is revoked)" : ""));
            }
            byte[] der = certificates.find(t.serialHex()).map(r -> r.der())
                    .orElseThrow(() -> TrustChainException.internal("certificate " + t.serialHex() + " of transaction " + id + " is missing", null));
            CertConfirmation confirmation = CertConfirmation.of(request.body(), holder(der), t.certReqId());
            Map<String, String> details = new LinkedHashMap<>();
            details.put("transaction", id);
            if (confirmation.accepted()) {
                store.settleTransaction(id, "confirmed", Instant.now());
                audit.record(new AuditEvent(sender.caller().name(), "cmp.certificate.confirmed", "certificate", t.serialHex(), details));
                return "confirmed";
            }
            store.settleTransaction(id, "rejected", Instant.now());
            details.put("reason", confirmation.reason() == null ? "none given" : confirmation.reason());
            audit.record(new AuditEvent(sender.caller().name(), "cmp.certificate.rejected", "certificate", t.serialHex(), details));
            // RFC 9483 4.1.1: a certificate its subject rejected is revoked; in this transaction, so both or neither happen.
            if (CmpConfirmationTimeout.stillValid(certificates, t.serialHex())) {
                revocation.revoke(t.serialHex(), RevocationReason.CESSATION_OF_OPERATION.apiName(), sender.caller());
            }
            return "rejected";
        });
        LOG.fine(() -> "CMP transaction " + id + " " + outcome);
        return sender.protect(CmpResponse.to(request, ca, CmpResponse.pkiConf()));
    }

    // --- rr ---

    private byte[] revoke(CmpRequest request, Sender sender, X500Name ca, RevocationRequest rr) {
        String serial = SerialNumbers.toHex(rr.serial());
        requireHolder(sender, serial);
        int code = rr.reasonCode() == null ? RevocationReason.UNSPECIFIED.code() : rr.reasonCode();
        String reason = RevocationReason.fromCode(code).filter(r -> r != RevocationReason.REMOVE_FROM_CRL && r != RevocationReason.CERTIFICATE_HOLD)
                .map(RevocationReason::apiName)
                .orElseThrow(() -> CmpFailure.badRequest("reason " + code + " is not one a subscriber may give (RFC 5280 5.3.1)"));
        revocation.revoke(serial, reason, sender.caller());
        return sender.protect(CmpResponse.to(request, ca, CmpResponse.revoked()));
    }

    /** A kur or rr names a certificate: it must be one issued to the sender's account (an officer or administrator may name any). */
    private void requireHolder(Sender sender, String serial) {
        String requester = tx(() -> certificates.requesterOf(serial))
                .orElseThrow(() -> new CmpFailure(PKIFailureInfo.badCertId, "no certificate with serial number " + serial + " was issued here"));
        Caller caller = sender.caller();
        if (!requester.equals(caller.name()) && !caller.has(Caller.Role.OFFICER) && !caller.has(Caller.Role.ADMIN)) {
            throw new CmpFailure(PKIFailureInfo.notAuthorized, "certificate " + serial + " was not issued to account '" + caller.name() + "'");
        }
    }

    // --- genm ---

    private byte[] general(CmpRequest request, Sender sender, X500Name ca, GeneralMessage genm) {
        List<InfoTypeAndValue> values = new ArrayList<>();
        genm.infoTypes().forEach(type -> {
            if (!type.equals(org.bouncycastle.asn1.cmp.CMPObjectIdentifiers.id_it_caCerts)) {
                values.add(new InfoTypeAndValue(type));
            }
        });
        PKIBody body;
        if (genm.asksForCaCerts()) {
            PKIBody caCerts = CmpResponse.caCerts(caCertificates());
            List<InfoTypeAndValue> all = new ArrayList<>(List.of(org.bouncycastle.asn1.cmp.GenRepContent.getInstance(caCerts.getContent())
                    .toInfoTypeAndValueArray()));
            all.addAll(values);
            body = CmpResponse.genp(all.toArray(InfoTypeAndValue[]::new));
        } else {
            body = CmpResponse.genp(values.toArray(InfoTypeAndValue[]::new));
        }
        return sender.protect(CmpResponse.to(request, ca, body));
    }

    /** The active issuing CAs of every region, then the root. */
    private List<X509CertificateHolder> caCertificates() {
        List<X509CertificateHolder> out = new ArrayList<>();
        for (AuthorityView a : authorities.authorities()) {
            if (a.parent() != null && "active".equals(a.status())) {
                out.add(holder(authorities.certificateDer(a.id())));
            }
        }
        out.add(root());
        return out;
    }

    // --- helpers ---

    private void refused(CmpRequest request, Sender sender, CmpFailure failure) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("request", request == null ? "undecodable" : request.bodyName());
        details.put("failure", Integer.toString(failure.failInfo()));
        details.put("reason", failure.text());
        if (request != null && request.senderKidText() != null) {
            details.put("reference", request.senderKidText());
        }
        String actor = sender != null && sender.caller() != null ? sender.caller().name() : UNAUTHENTICATED;
        String target = request != null && request.transactionId() != null ? request.transactionIdHex() : "none";
        try {
            tx(() -> {
                audit.record(new AuditEvent(actor, "cmp.request.refused", "cmp_transaction", target, details));
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the refusal of a CMP request could not be audited", e);
        }
    }

    private X500Name caName() {
        try {
            return holder(Pem.decode(authorities.issuingCaPem(), "CERTIFICATE")).getSubject();
        } catch (RuntimeException e) {
            return new X500Name("CN=TrustChain");
        }
    }

    private X509CertificateHolder root() {
        return holder(Pem.decode(authorities.rootPem(), "CERTIFICATE"));
    }

    private static X509CertificateHolder holder(byte[] der) {
        try {
            return new X509CertificateHolder(der);
        } catch (IOException e) {
            throw TrustChainException.internal("a stored certificate cannot be read", e);
        }
    }

    /** A CMP failure or a refusal passes through (rolled back) to become its CMP error; anything else is INTERNAL. */
    private <T> T tx(BeanTransaction.Work<T> work) {
        try {
            return BeanTransaction.run(transaction, work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw TrustChainException.internal("the CMP state did not commit", e);
        }
    }
}
