package online.hypermesh.trustchain.ca.scep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;

import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.bridge.scep.CaCaps;
import online.hypermesh.trustchain.bridge.scep.CertRep;
import online.hypermesh.trustchain.bridge.scep.Envelope;
import online.hypermesh.trustchain.bridge.scep.FailInfo;
import online.hypermesh.trustchain.bridge.scep.MessageType;
import online.hypermesh.trustchain.bridge.scep.PkiMessage;
import online.hypermesh.trustchain.bridge.scep.RaKey;
import online.hypermesh.trustchain.bridge.scep.ScepCsr;
import online.hypermesh.trustchain.bridge.scep.ScepFailure;
import online.hypermesh.trustchain.ca.api.ApprovalView;
import online.hypermesh.trustchain.ca.api.Approvals;
import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.IssuanceCommand;
import online.hypermesh.trustchain.ca.api.IssuedCertificate;
import online.hypermesh.trustchain.ca.api.RenewalService;
import online.hypermesh.trustchain.ca.api.ScepChallengeView;
import online.hypermesh.trustchain.ca.api.ScepReply;
import online.hypermesh.trustchain.ca.api.ScepService;
import online.hypermesh.trustchain.ca.application.AuthorityRegistry;
import online.hypermesh.trustchain.ca.application.BoundAccounts;
import online.hypermesh.trustchain.ca.application.IssuanceBean;
import online.hypermesh.trustchain.ca.config.ScepSettings;
import online.hypermesh.trustchain.ca.domain.Account;
import online.hypermesh.trustchain.ca.domain.AccountRepository;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.ca.domain.CertificateRecord;
import online.hypermesh.trustchain.ca.domain.CertificateRepository;
import online.hypermesh.trustchain.ca.domain.ScepRepository;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.Pem;
import online.hypermesh.trustchain.core.x509.SerialNumbers;

/**
 * SCEP's application service: a pkiMessage becomes the CA's one issuance path with the caller of
 * a TrustChain account, and every answer is a CertRep signed by the RA key the request was
 * encrypted to.
 *
 * <ul>
 *   <li>PKCSReq: signed by a self-signed certificate for the CSR's key; the challengePassword is
 *   a one-time password of an account ({@link #createChallenge}), whose caller and scopes the
 *   registration authority checks like any other; it is marked used inside the issuance's
 *   transactions, so a refused request leaves it unused.</li>
 *   <li>RenewalReq: signed by a valid certificate this CA issued (exactly the stored one); renewed
 *   through the REST renewal (same names, linked to its predecessor) as the account that requested
 *   it; no challenge.</li>
 *   <li>CertPoll: the certificate a transaction got, again, to the key that requested it.</li>
 *   <li>Four-eyes approvals: a PKCSReq whose issuance needs a second officer is held
 *   ({@link Approvals#holdIssuance(IssuanceCommand, String)}, referenced by its transactionID) and
 *   answered PENDING; its challenge is used by the approval. The CertPoll, or the same PKCSReq sent
 *   again, gets PENDING until the approval issues, then the certificate, or FAILURE badRequest
 *   when it was refused. A RenewalReq never waits, like a renewal through REST.</li>
 * </ul>
 *
 * <p>A refused request stores only its audit event ({@code scep.refused}). Bean-managed
 * transactions, each short; issuance runs outside them (it commits in steps of its own).
 */
@Stateless
@TransactionManagement(TransactionManagementType.BEAN)
public class ScepBean implements ScepService {
    private static final Logger LOG = Logger.getLogger(ScepBean.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String TEXT = "text/plain; charset=utf-8";
    /** A challenge used by a held request records "approval:<id>" instead of a serial. */
    private static final String HELD = "approval:";

    @EJB
    ScepRaIdentity ra;

    @EJB
    IssuanceBean issuance;

    @EJB
    RenewalService renewal;

    @EJB
    Approvals approvals;

    @EJB
    BoundAccounts boundAccounts;

    @EJB
    AuthorityRegistry registry;

    @Inject
    ScepRepository store;

    @Inject
    AccountRepository accounts;

    @Inject
    CertificateRepository certificates;

    @Inject
    AuditTrail audit;

    @Inject
    ScepSettings settings;

    @Resource
    UserTransaction transaction;

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    @Override
    public ScepReply capabilities() {
        return new ScepReply(200, TEXT, CaCaps.text().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public ScepReply caCertificates() {
        List<RaKey> keys = ra.keys();
        if (keys.isEmpty()) {
            return unavailable();
        }
        List<X509CertificateHolder> certs = new ArrayList<>();
        certs.add(keys.get(0).certificate());
        registry.activeRoot().ifPresent(root -> certs.add(root.authority().certificate()));
        return new ScepReply(200, "application/x-x509-ca-ra-cert", CertRep.degenerate(certs));
    }

    @Override
    public ScepReply pkiOperation(byte[] message) {
        List<RaKey> keys = ra.keys();
        if (keys.isEmpty()) {
            return unavailable();
        }
        PkiMessage request;
        try {
            request = PkiMessage.parse(message);
        } catch (ScepFailure e) {
            refused(null, null, FailInfo.BAD_REQUEST, e.getMessage());
            return new ScepReply(400, TEXT, (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        RaKey replyKey = keys.get(0);
        MessageType type = null;
        try {
            request.verifySignature();
            type = request.type();
            request.requireRsaSigner();
            Envelope.Opened opened = type == MessageType.CERT_POLL ? null : Envelope.openWith(request.envelope(), keys);
            if (opened != null) {
                replyKey = opened.key();
            }
            Optional<List<X509CertificateHolder>> issued = switch (type) {
                case PKCS_REQ -> enroll(request, ScepCsr.parse(opened.content()));
                case RENEWAL_REQ -> Optional.of(renew(request, ScepCsr.parse(opened.content())));
                case CERT_POLL -> poll(request);
                default -> throw new ScepFailure(FailInfo.BAD_REQUEST, "messageType " + type.code() + " (" + type
                        + ") is not supported; this server answers PKCSReq, RenewalReq and CertPoll");
            };
            if (issued.isEmpty()) {
                return new ScepReply(200, "application/x-pki-message", CertRep.pending(request, replyKey));
            }
            return new ScepReply(200, "application/x-pki-message", CertRep.success(request, issued.get(), replyKey));
        } catch (ScepFailure e) {
            refused(request, type, e.failInfo(), e.getMessage());
            return failure(request, e.failInfo(), replyKey);
        } catch (RuntimeException e) {
            TrustChainException refusal = TrustChainException.find(e);
            if (refusal == null || refusal.kind() == ErrorKind.INTERNAL) {
                LOG.log(Level.SEVERE, "SCEP request " + request.transactionId() + " failed inside the CA", e);
            }
            FailInfo info = refusal == null ? FailInfo.BAD_REQUEST : switch (refusal.kind()) {
                case UNSUPPORTED_KEY -> FailInfo.BAD_ALG;
                case BAD_CSR_SIGNATURE -> FailInfo.BAD_MESSAGE_CHECK;
                default -> FailInfo.BAD_REQUEST;
            };
            refused(request, type, info, refusal == null ? "internal error: " + e : refusal.detail());
            return failure(request, info, replyKey);
        }
    }

    /** Empty: the request waits for a second officer (PENDING). */
    private Optional<List<X509CertificateHolder>> enroll(PkiMessage request, ScepCsr csr) {
        requireSignerKeyIsCsrKey(request, csr);
        String password = csr.challengePassword()
                .orElseThrow(() -> new ScepFailure(FailInfo.BAD_REQUEST, "a PKCSReq needs a challengePassword (POST /api/v1/accounts/{name}/scep-challenges)"));
        ScepRepository.Challenge challenge = tx(() -> store.findChallenge(sha256(password)))
                .orElseThrow(() -> new ScepFailure(FailInfo.BAD_REQUEST, "the challengePassword is not one this CA made"));
        if (challenge.usedAt() != null) {
            Optional<ApprovalView> held = approvals.byReference(reference(request))
                    .filter(a -> (HELD + a.id()).equals(challenge.usedSerial()));
            if (held.isPresent()) {
                // The PKCSReq of a held request sent again (scepclient does so while PENDING): its approval answers.
                return held(request, held.get());
            }
            return resent(request, csr, challenge).map(Optional::of).orElseThrow(() -> new ScepFailure(FailInfo.BAD_REQUEST,
                    "the challengePassword was used already (by " + challenge.usedSerial() + "); each is used once"));
        }
        if (!challenge.expiresAt().isAfter(Instant.now())) {
            throw new ScepFailure(FailInfo.BAD_REQUEST, "the challengePassword expired at " + challenge.expiresAt());
        }
        Caller caller = boundAccounts.callerOf(challenge.accountName())
                .orElseThrow(() -> new ScepFailure(FailInfo.BAD_REQUEST, "account '" + challenge.accountName() + "' is disabled"));
        IssuanceCommand command = new IssuanceCommand(csr.der(), settings.profile(), null, null, caller);
        Optional<ApprovalView> hold = approvals.holdIssuance(command, reference(request));
        if (hold.isPresent()) {
            // The challenge is used by the approval, so it enrolls nothing else meanwhile; the approval issues.
            long id = hold.get().id();
            if (!tx(() -> store.useChallenge(challenge.id(), HELD + id, Instant.now()))) {
                LOG.warning("the SCEP challenge of approval " + id + " was used meanwhile by another request; the approval waits all the same");
            }
            return Optional.empty();
        }
        IssuedCertificate issued = issuance.issueWithin(command, serial -> {
            if (!store.useChallenge(challenge.id(), serial, Instant.now())) {
                throw new TrustChainException(ErrorKind.CONFLICT, "the challengePassword was used or expired meanwhile");
            }
        });
        recorded(request, issued, caller.name(), "scep.enrolled", Map.of());
        return Optional.of(certificates(issued));
    }

    /**
     * What a held request's approval says: pending (also approved but not issued yet), the
     * certificate it issued (for the key that asked: the transaction then records it, as a normal
     * enrollment does), or the refusal as a FAILURE with badRequest.
     */
    private Optional<List<X509CertificateHolder>> held(PkiMessage request, ApprovalView approval) {
        String serial = serialOf(approval);
        switch (approval.status()) {
            case "pending":
                return Optional.empty();
            case "approved":
                if (serial == null) {
                    return Optional.empty();
                }
                break;
            default:
                throw new ScepFailure(FailInfo.BAD_REQUEST, "the request was " + approval.status() + " (approval " + approval.id() + ")"
                        + (approval.reason() == null ? "" : ": " + approval.reason()));
        }
        List<X509CertificateHolder> out = certificateFor(request, serial);
        if (!tx(() -> store.transactionSerial(request.transactionId())).filter(serial::equals).isPresent()) {
            tx(() -> {
                store.recordTransaction(request.transactionId(), serial, Instant.now());
                audit.record(new AuditEvent(approval.requestedBy(), "scep.enrolled", "certificate", serial,
                        Map.of("transaction_id", request.transactionId(), "approval", Long.toString(approval.id()))));
                return null;
            });
        }
        return Optional.of(out);
    }

    private static String serialOf(ApprovalView approval) {
        Object serial = approval.result() == null ? null : approval.result().get("serial");
        return serial == null ? null : serial.toString();
    }

    /** The approval's name of a SCEP request: its transactionID, which the client keeps while it polls. */
    private static String reference(PkiMessage request) {
        return "scep:" + request.transactionId();
    }

    /**
     * A PKCSReq sent again (RFC 8894 3.3.1: a client that lost the reply resends it): the same
     * transaction, challenge and key as the one that used the challenge gets that certificate
     * again; nothing new is issued.
     */
    private java.util.Optional<List<X509CertificateHolder>> resent(PkiMessage request, ScepCsr csr, ScepRepository.Challenge challenge) {
        return tx(() -> store.transactionSerial(request.transactionId())).filter(serial -> serial.equals(challenge.usedSerial()))
                .flatMap(serial -> tx(() -> certificates.find(serial))).filter(r -> r.der() != null)
                .filter(r -> holder(r.der()).getSubjectPublicKeyInfo().equals(csr.request().getSubjectPublicKeyInfo()))
                .map(r -> {
                    List<X509CertificateHolder> out = new ArrayList<>(List.of(holder(r.der())));
                    registry.byId(r.issuerId()).ifPresent(issuer -> out.add(issuer.authority().certificate()));
                    return out;
                });
    }

    private List<X509CertificateHolder> renew(PkiMessage request, ScepCsr csr) {
        X509CertificateHolder current = request.signer();
        String serial = SerialNumbers.toHex(current.getSerialNumber());
        CertificateRecord predecessor = tx(() -> certificates.find(serial))
                .filter(r -> r.der() != null && Arrays.equals(r.der(), encoded(current)))
                .orElseThrow(() -> new ScepFailure(FailInfo.BAD_CERT_ID, "a RenewalReq is signed by the certificate to renew, and certificate "
                        + serial + " is not one this CA issued"));
        if (!current.isValidOn(new java.util.Date())) {
            throw new ScepFailure(FailInfo.BAD_TIME, "certificate " + serial + " is not valid now; enroll with a challenge instead");
        }
        String account = tx(() -> certificates.requesterOf(predecessor.serialHex()))
                .orElseThrow(() -> new ScepFailure(FailInfo.BAD_REQUEST, "certificate " + serial + " has no account that requested it"));
        Caller caller = boundAccounts.callerOf(account)
                .orElseThrow(() -> new ScepFailure(FailInfo.BAD_REQUEST, "account '" + account + "' is disabled"));
        IssuedCertificate issued = renewal.renew(serial, csr.der(), null, caller);
        recorded(request, issued, caller.name(), "scep.renewed", Map.of("replaces", serial));
        return certificates(issued);
    }

    /** CertPoll (GetCertInitial): a held request's state, or the certificate the transaction got, again. */
    private Optional<List<X509CertificateHolder>> poll(PkiMessage request) {
        Optional<String> recorded = tx(() -> store.transactionSerial(request.transactionId()));
        // The approval answers unless the transaction got another certificate since (a later enrollment or renewal).
        Optional<ApprovalView> held = approvals.byReference(reference(request))
                .filter(a -> recorded.isEmpty() || "pending".equals(a.status()) || recorded.get().equals(serialOf(a)));
        if (held.isPresent()) {
            return held(request, held.get());
        }
        String serial = recorded.orElseThrow(() -> new ScepFailure(FailInfo.BAD_CERT_ID, "no certificate was issued for transaction "
                + request.transactionId() + " and none waits for approval"));
        return Optional.of(certificateFor(request, serial));
    }

    /** The stored certificate and its issuer, only to the key it certifies. */
    private List<X509CertificateHolder> certificateFor(PkiMessage request, String serial) {
        CertificateRecord record = tx(() -> certificates.find(serial)).filter(r -> r.der() != null)
                .orElseThrow(() -> new ScepFailure(FailInfo.BAD_CERT_ID, "the certificate of transaction " + request.transactionId() + " is gone"));
        X509CertificateHolder certificate = holder(record.der());
        if (!certificate.getSubjectPublicKeyInfo().equals(request.signer().getSubjectPublicKeyInfo())) {
            throw new ScepFailure(FailInfo.BAD_CERT_ID, "transaction " + request.transactionId() + " belongs to another key");
        }
        List<X509CertificateHolder> out = new ArrayList<>(List.of(certificate));
        registry.byId(record.issuerId()).ifPresent(issuer -> out.add(issuer.authority().certificate()));
        return out;
    }

    /** RFC 8894 2.3: the self-signed certificate of a PKCSReq is for the key being certified, so the reply is encrypted to it. */
    private static void requireSignerKeyIsCsrKey(PkiMessage request, ScepCsr csr) {
        if (!request.signer().getSubjectPublicKeyInfo().equals(csr.request().getSubjectPublicKeyInfo())) {
            throw new ScepFailure(FailInfo.BAD_REQUEST, "a PKCSReq is signed with the key of its CSR; this one is signed with another key");
        }
    }

    @Override
    public ScepChallengeView createChallenge(String accountName, Caller caller) {
        if (caller == null || !caller.has(Caller.Role.ADMIN)) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "only an administrator creates SCEP challenge passwords");
        }
        byte[] secret = new byte[16];
        RANDOM.nextBytes(secret);
        // Hex: it goes into a PrintableString, which has no room for base64's '+', '/' or '_'.
        String password = HexFormat.of().formatHex(secret);
        Instant now = Instant.now();
        Instant expires = now.plus(settings.challengeLifetime());
        return tx(() -> {
            Account account = accounts.find(accountName)
                    .orElseThrow(() -> TrustChainException.notFound("no account '" + accountName + "'"));
            store.addChallenge(sha256(password), account.id(), caller.name(), now, expires);
            audit.record(new AuditEvent(caller.name(), "scep.challenge.created", "account", account.name(),
                    Map.of("expires_at", expires.toString())));
            return new ScepChallengeView(password, account.name(), expires);
        });
    }

    // --- replies, audit, transactions ---

    private ScepReply failure(PkiMessage request, FailInfo info, RaKey key) {
        return new ScepReply(200, "application/x-pki-message", CertRep.failure(request, info, key));
    }

    private static ScepReply unavailable() {
        return new ScepReply(503, TEXT, "no SCEP RA certificate is available: not issued yet (retry in a minute), or this crypto token cannot hold one (see the server log)\n".getBytes(StandardCharsets.UTF_8));
    }

    private void recorded(PkiMessage request, IssuedCertificate issued, String actor, String event, Map<String, String> extra) {
        tx(() -> {
            store.recordTransaction(request.transactionId(), issued.serialNumber(), Instant.now());
            Map<String, String> details = new LinkedHashMap<>(extra);
            details.put("transaction_id", request.transactionId());
            audit.record(new AuditEvent(actor, event, "certificate", issued.serialNumber(), details));
            return null;
        });
    }

    private void refused(PkiMessage request, MessageType type, FailInfo info, String reason) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("message_type", type == null ? "unknown" : type.name());
        details.put("fail_info", info.name());
        details.put("reason", reason == null ? "" : reason);
        String id = request == null ? "unparsed" : request.transactionId().length() > 128 ? request.transactionId().substring(0, 128)
                : request.transactionId();
        try {
            tx(() -> {
                audit.record(new AuditEvent("scep", "scep.refused", "scep_transaction", id, details));
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot record the refusal of SCEP transaction " + id, e);
        }
    }

    private static List<X509CertificateHolder> certificates(IssuedCertificate issued) {
        List<X509CertificateHolder> out = new ArrayList<>();
        out.add(holder(Pem.decodeCertificates(issued.certificatePem()).get(0)));
        for (String pem : issued.chainPem()) {
            Pem.decodeCertificates(pem).forEach(der -> out.add(holder(der)));
        }
        return out;
    }

    private static X509CertificateHolder holder(byte[] der) {
        try {
            return new X509CertificateHolder(der);
        } catch (IOException e) {
            throw TrustChainException.internal("a stored certificate is not DER", e);
        }
    }

    private static byte[] encoded(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new ScepFailure(FailInfo.BAD_REQUEST, "the signer certificate cannot be encoded");
        }
    }

    static byte[] sha256(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a mandatory JCA algorithm", e);
        }
    }

    private interface Work<T> {
        T run() throws Exception;
    }

    private <T> T tx(Work<T> work) {
        try {
            transaction.begin();
            try {
                T result = work.run();
                transaction.commit();
                return result;
            } catch (Exception e) {
                if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                    transaction.rollback();
                }
                throw e;
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw TrustChainException.internal("a SCEP transaction did not commit", e);
        }
    }
}
