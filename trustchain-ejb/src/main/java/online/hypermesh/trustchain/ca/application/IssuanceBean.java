package online.hypermesh.trustchain.ca.application;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;

import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.ca.api.IssuanceCommand;
import online.hypermesh.trustchain.ca.api.IssuanceService;
import online.hypermesh.trustchain.ca.api.IssuedCertificate;
import online.hypermesh.trustchain.ca.config.TrustChainConfig;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.ca.domain.AuthorityStatus;
import online.hypermesh.trustchain.ca.domain.CertificateIssued;
import online.hypermesh.trustchain.ca.domain.CertificateRecord;
import online.hypermesh.trustchain.ca.domain.CertificateRepository;
import online.hypermesh.trustchain.ca.domain.CertificateStatus;
import online.hypermesh.trustchain.ca.domain.DelegationJournal;
import online.hypermesh.trustchain.ca.domain.IssuanceJournal;
import online.hypermesh.trustchain.ca.domain.IssuanceRequestRecord;
import online.hypermesh.trustchain.ca.domain.PrecertificateLog;
import online.hypermesh.trustchain.ca.signer.CaSigner;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.CertificateProfile;
import online.hypermesh.trustchain.core.x509.CsrValidator;
import online.hypermesh.trustchain.core.x509.IssuingAuthority;
import online.hypermesh.trustchain.core.x509.Pem;
import online.hypermesh.trustchain.core.x509.ProvenKeyRequest;
import online.hypermesh.trustchain.core.x509.SerialNumbers;
import online.hypermesh.trustchain.core.x509.ValidatedCsr;
import online.hypermesh.trustchain.core.x509.Validity;

/**
 * Issuance: registration here (the caller, profile, validity and region, and the CSR: proof of
 * possession, key, names; a rejection has written nothing), then the steps of
 * {@link IssuanceSteps} (precertificate, intent committed, CT, final certificate committed).
 *
 * <p>Bean-managed transactions: issuance commits its intent before it logs the precertificate,
 * so it cannot join a caller's transaction (a caller that rolled back would leave a public
 * precertificate with no record). A caller's transaction is suspended while issuance runs.
 */
@Stateless
@LocalBean
@TransactionManagement(TransactionManagementType.BEAN)
public class IssuanceBean implements IssuanceService {
    @EJB
    CaSigner signer;

    @EJB
    AuthorityRegistry registry;

    @Inject
    RegistrationAuthority registration;

    @Inject
    IssuanceJournal journal;

    @Inject
    CertificateRepository certificates;

    @Inject
    AuditTrail audit;

    @Inject
    TrustChainConfig config;

    @Inject
    Event<CertificateIssued> issuedEvents;

    @Inject
    IssuanceGate gate;

    @EJB
    PrecertificateLog precertificateLog;

    @Inject
    ExternalCaDelegation delegation;

    @Inject
    DelegationJournal delegationJournal;

    @Resource
    UserTransaction transaction;

    private final CsrValidator validator = new CsrValidator();
    private IssuanceSteps steps;

    @PostConstruct
    void init() {
        steps = new IssuanceSteps(journal, precertificateLog, new IssuanceSteps.Signing() {
            @Override
            public X509CertificateHolder precertificate(IssuingAuthority issuer, ValidatedCsr csr, CertificateProfile profile,
                                                        BigInteger serial, Validity validity) {
                return signer.issuePrecertificate(issuer, csr, profile, serial, validity);
            }

            @Override
            public X509CertificateHolder certificate(IssuingAuthority issuer, ValidatedCsr csr, CertificateProfile profile,
                                                     BigInteger serial, Validity validity, byte[] scts) {
                return signer.issueLeafWithScts(issuer, csr, profile, serial, validity, scts);
            }
        }, this::inTransaction, new Guard(), Clock.systemUTC());
    }

    @Override
    public IssuedCertificate issue(IssuanceCommand command) {
        return issue(command, null, null);
    }

    /**
     * An issuance whose names the ACME server validated by {@code validation} (the caller is the
     * ACME account's bound TrustChain account): the registration authority checks it like any
     * other, scopes and CAA included, and knows how the names were validated.
     */
    public IssuedCertificate issueValidated(IssuanceCommand command, IssuanceRequest.Validation validation) {
        return issue(command, null, validation);
    }

    /**
     * A renewal of {@code predecessorSerial}: issued like any request, with the predecessor named in
     * the intent (so a second renewal of it fails before its precertificate is made) and re-checked
     * under its row lock in both transactions; the link commits with the final certificate. The
     * caller ({@link RenewalBean}) checked the names.
     */
    public IssuedCertificate issueRenewal(IssuanceCommand command, String predecessorSerial) {
        return issue(command, predecessorSerial, null);
    }

    /**
     * An issuance whose edge must write in the same transactions as the intent and the final
     * certificate: {@code withinIssuance} gets the serial in both and throws to stop the issuance
     * (a SCEP challenge password is marked used so, and a refused request leaves it unused).
     */
    public IssuedCertificate issueWithin(IssuanceCommand command, java.util.function.Consumer<String> withinIssuance) {
        return issue(command, null, null, null, withinIssuance);
    }

    /**
     * An issuance from a request that is not a CSR ({@code request}: a CRMF request whose proof of
     * possession the edge verified); {@code command} gives everything else, its csr is ignored.
     * Registered and issued exactly like a CSR's; {@code predecessorSerial} non-null makes it a
     * renewal as in {@link #issueRenewal}.
     */
    public IssuedCertificate issueProven(IssuanceCommand command, ProvenKeyRequest request, String predecessorSerial) {
        return issue(command, predecessorSerial, null, request, s -> { });
    }

    private IssuedCertificate issue(IssuanceCommand command, String replaces, IssuanceRequest.Validation validated) {
        return issue(command, replaces, validated, null, s -> { });
    }

    private IssuedCertificate issue(IssuanceCommand command, String replaces, IssuanceRequest.Validation validated, ProvenKeyRequest proven,
                                    java.util.function.Consumer<String> withinIssuance) {
        // Registration: every check that needs no write, before anything is signed.
        if (command.caller() == null || !command.caller().mayIssue()) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "this account may not be issued certificates; it needs the issuer role");
        }
        gate.requireOpen();
        CertificateProfile profile = CertificateProfile.fromApiName(command.profile());
        Duration validity = profile.validity(command.validityHours());
        String region = command.region() == null || command.region().isBlank() ? config.region() : command.region().trim();
        // TrustChain's own service certificates (its TLS listeners, DNS-over-QUIC) stay its own: they chain to its root.
        if (delegation.delegates(profile.apiName()) && !SystemIdentities.isOne(command.caller())) {
            return issueDelegated(command, replaces, validated, proven, withinIssuance, profile, validity, region);
        }
        IssuingAuthority issuer = registry.activeIssuer(region).map(AuthorityRegistry.Entry::authority)
                .orElseThrow(() -> noIssuer(region));
        ValidatedCsr csr = proven != null ? validator.validate(proven, profile) : validator.validate(command.csr(), profile);
        registration.approve(new IssuanceRequest(RegistrationAuthority.names(csr.names()), profile.apiName(), validity, region,
                command.caller(), SystemIdentities.isOne(command.caller()) ? IssuanceRequest.Validation.SYSTEM_IDENTITY
                        : validated != null ? validated : IssuanceRequest.Validation.ACCOUNT_SCOPE));
        Instant now = Instant.now();
        // A random serial; its uniqueness is enforced when the intent is recorded.
        BigInteger serial = SerialNumbers.next();

        IssuanceSteps.Issued issued = steps.issue(new IssuanceSteps.Approved(issuer, csr, profile, Validity.startingAt(now, validity), serial,
                new IssuanceRequestRecord(csr.der(), profile.apiName(), command.validityHours(), region, command.caller().name(), now),
                replaces, withinIssuance));
        X509CertificateHolder certificate = issued.certificate();
        return new IssuedCertificate(issued.serialHex(), Pem.certificate(issued.der()),
                List.of(Pem.certificate(IssuanceSteps.der(issuer.certificate()))), certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(), profile.apiName(), issuer.id());
    }

    /**
     * A request for a delegated profile: registered exactly like any other (the same CSR checks,
     * scopes, CAA and profile limits), then issued by the external CA ({@link DelegatedIssuance}).
     * The external CA chooses the validity; the requested one is kept with the request.
     */
    private IssuedCertificate issueDelegated(IssuanceCommand command, String replaces, IssuanceRequest.Validation validated,
                                             ProvenKeyRequest proven, java.util.function.Consumer<String> withinIssuance,
                                             CertificateProfile profile, Duration validity, String region) {
        String external = delegation.name();
        if (proven != null) {
            throw TrustChainException.policy("certificates of profile " + profile.apiName() + " are issued by external CA " + external
                    + ", which TrustChain asks with the requester's PKCS#10 CSR; send a CSR (CMP p10cr, not ir/cr/kur)");
        }
        if (replaces != null) {
            throw TrustChainException.policy("certificates of profile " + profile.apiName() + " are issued by external CA " + external
                    + " and are not renewed through TrustChain; request a new one with POST /api/v1/ca/certificates");
        }
        ValidatedCsr csr = validator.validate(command.csr(), profile);
        registration.approve(new IssuanceRequest(RegistrationAuthority.names(csr.names()), profile.apiName(), validity, region,
                command.caller(), SystemIdentities.isOne(command.caller()) ? IssuanceRequest.Validation.SYSTEM_IDENTITY
                        : validated != null ? validated : IssuanceRequest.Validation.ACCOUNT_SCOPE));
        Instant now = Instant.now();
        DelegatedIssuance issuance = new DelegatedIssuance(delegationJournal, delegation.client(), this::inTransaction,
                new DelegationEffects(), Clock.systemUTC());
        DelegatedIssuance.Issued issued = issuance.issue(new DelegatedIssuance.Request(csr, profile,
                new IssuanceRequestRecord(csr.der(), profile.apiName(), command.validityHours(), region, command.caller().name(), now),
                withinIssuance));
        // The chain without self-signed roots, as for TrustChain's own certificates.
        List<String> chain = issued.chain().stream().filter(c -> !c.getSubject().equals(c.getIssuer()))
                .map(c -> Pem.certificate(IssuanceSteps.der(c))).toList();
        return new IssuedCertificate(issued.serialHex(), Pem.certificate(issued.der()), chain,
                issued.certificate().getNotBefore().toInstant(), issued.certificate().getNotAfter().toInstant(), profile.apiName(), external);
    }

    /** The audit and issued events of delegated issuance, in its transactions. */
    private final class DelegationEffects implements DelegatedIssuance.Effects {
        @Override
        public void check() {
            gate.requireOpenForDelegation();
        }

        @Override
        public void issued(DelegatedIssuance.Request r, String transactionIdHex, DelegationJournal.DelegatedCertificate c) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("issuer", c.externalCa());
            details.put("delegated_to", c.externalCa());
            details.put("profile", c.profile());
            details.put("names", String.join(",", c.names()));
            details.put("not_after", c.notAfter().toString());
            details.put("cmp_transaction", transactionIdHex);
            audit.record(new AuditEvent(r.actor(), "certificate.issued", "certificate", c.serialHex(), details));
            issuedEvents.fire(new CertificateIssued(c.serialHex(), c.externalCa(), c.profile(), c.names(), c.der(), c.notAfter()));
        }

        @Override
        public void settled(DelegatedIssuance.Request r, String transactionIdHex, DelegationJournal.Outcome outcome, String why) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("delegated_to", delegation.name());
            details.put("profile", r.profile().apiName());
            details.put("names", String.join(",", r.csr().names().asText()));
            details.put("reason", why);
            audit.record(new AuditEvent(r.actor(), outcome == DelegationJournal.Outcome.REFUSED ? DELEGATION_REFUSED_EVENT
                    : DELEGATION_INCOMPLETE_EVENT, "delegated_issuance", transactionIdHex, details));
        }
    }

    /** The audit action of a delegated request the external CA refused, or whose certificate TrustChain rejected. */
    static final String DELEGATION_REFUSED_EVENT = "certificate.delegation_refused";
    /** The audit action of a delegated request that stopped after the external CA was asked: it may hold a certificate not stored here. */
    static final String DELEGATION_INCOMPLETE_EVENT = "certificate.delegation_incomplete";

    /** Why {@code region} has no active issuer: its intermediate was revoked, or there is no such region. */
    private TrustChainException noIssuer(String region) {
        return registry.all().stream().filter(e -> region.equals(e.record().region()) && e.record().status() == AuthorityStatus.REVOKED)
                .findFirst()
                .map(e -> new TrustChainException(ErrorKind.UNAVAILABLE, "issuing CA " + e.record().id() + " of region " + region
                        + " is revoked and issues nothing any more; request from another region"))
                .orElseGet(() -> TrustChainException.policy("unknown region '" + region + "'; regions: " + String.join(", ", config.regions())));
    }

    private <T> T inTransaction(String what, IssuanceSteps.TransactionWork<T> work) {
        return BeanTransaction.runOrInternal(transaction, what, work::run);
    }

    /** The checks and effects inside the issuance transactions. */
    private final class Guard implements IssuanceSteps.Guard {
        @Override
        public void check(IssuanceSteps.Approved request) {
            gate.requireOpenForIssuance(request.issuer().id());
            if (request.replacesSerialHex() != null) {
                requireRenewable(request.replacesSerialHex());
            }
            request.withinIssuance().accept(request.serialHex());
        }

        /** Locked until the transaction ends: a revocation of the predecessor waits, then sees the renewal. */
        private void requireRenewable(String serial) {
            CertificateRecord predecessor = certificates.findForUpdate(serial)
                    .orElseThrow(() -> TrustChainException.notFound("no certificate with serial number " + serial));
            if (predecessor.status() != CertificateStatus.VALID || !predecessor.notAfter().isAfter(Instant.now())) {
                String state = predecessor.status() == CertificateStatus.VALID ? "expired" : predecessor.status().apiValue();
                throw new TrustChainException(ErrorKind.CONFLICT, "certificate " + serial + " is " + state
                        + "; only a valid certificate is renewed, request a new one with POST /api/v1/ca/certificates");
            }
        }

        @Override
        public void issued(IssuanceSteps.Approved r, X509CertificateHolder certificate, byte[] der) {
            List<String> names = r.csr().names().asText();
            Map<String, String> details = new LinkedHashMap<>();
            details.put("issuer", r.issuer().id());
            details.put("profile", r.profile().apiName());
            details.put("names", String.join(",", names));
            details.put("not_after", certificate.getNotAfter().toInstant().toString());
            audit.record(new AuditEvent(r.actor(), "certificate.issued", "certificate", r.serialHex(), details));
            if (r.replacesSerialHex() != null) {
                audit.record(new AuditEvent(r.actor(), "certificate.renewed", "certificate", r.serialHex(),
                        Map.of("replaces", r.replacesSerialHex())));
            }
            issuedEvents.fire(new CertificateIssued(r.serialHex(), r.issuer().id(), r.profile().apiName(), names, der,
                    certificate.getNotAfter().toInstant()));
        }

        @Override
        public void unavailable(IssuanceSteps.Approved r, String reason) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("names", String.join(",", r.csr().names().asText()));
            details.put("profile", r.profile().apiName());
            details.put("region", r.request().region());
            details.put("issuer", r.issuer().id());
            details.put("reason", reason);
            audit.record(new AuditEvent(r.actor(), "certificate.refused", "request", r.actor(), details));
        }

        @Override
        public void incomplete(String serialHex, String issuerId, String actor, String reason) {
            audit.record(new AuditEvent(actor, IssuanceRecoveryTimer.INCOMPLETE_EVENT, "certificate", serialHex,
                    Map.of("issuer", issuerId, "reason", reason)));
        }
    }
}
