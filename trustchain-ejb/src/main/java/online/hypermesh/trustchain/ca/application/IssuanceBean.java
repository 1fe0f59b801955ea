package online.hypermesh.trustchain.ca.application;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.ca.api.IssuanceCommand;
import online.hypermesh.trustchain.ca.api.IssuanceService;
import online.hypermesh.trustchain.ca.api.IssuedCertificate;
import online.hypermesh.trustchain.ca.config.TrustChainConfig;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.ca.domain.CertificateIssued;
import online.hypermesh.trustchain.ca.domain.CertificateRecord;
import online.hypermesh.trustchain.ca.domain.CertificateRepository;
import online.hypermesh.trustchain.ca.domain.CertificateStatus;
import online.hypermesh.trustchain.ca.domain.IssuanceRequestRecord;
import online.hypermesh.trustchain.ca.domain.PrecertificateLog;
import online.hypermesh.trustchain.ca.signer.CaSigner;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.CertificateProfile;
import online.hypermesh.trustchain.core.x509.CsrValidator;
import online.hypermesh.trustchain.core.x509.IssuingAuthority;
import online.hypermesh.trustchain.core.x509.Pem;
import online.hypermesh.trustchain.core.x509.SerialNumbers;
import online.hypermesh.trustchain.core.x509.ValidatedCsr;
import online.hypermesh.trustchain.core.x509.Validity;
import online.hypermesh.trustchain.ct.log.AddedEntry;
import online.hypermesh.trustchain.ct.sct.SctList;

/**
 * Issuance in numbered steps, all in one container transaction:
 * <ol>
 * <li>registration: check the caller, the emergency switch, profile, validity and region, and validate the CSR
 * (proof of possession, key, names) — a rejection here has written nothing;</li>
 * <li>draw a random serial number;</li>
 * <li>sign a precertificate (RFC 6962 3.1), log it with add-pre-chain and wait for its SCT,
 * which the log returns only once the entry is committed in a signed tree head;</li>
 * <li>sign the final certificate with that SCT embedded; the signer lints both first;</li>
 * <li>record the request, the serial (unique in the database) and the certificate in one
 * statement, and the audit event.</li>
 * </ol>
 * The certificate leaves this bean only after all of it is written, and the caller sees it only
 * once the transaction commits; if anything fails, nothing survives and nothing was returned, so
 * no certificate ever reaches a client without its SCT. One trace may outlive a failure after
 * step 3 began: the precertificate may be in the log, so its serial is recorded as unused in a
 * transaction of its own and never drawn again. Signing and logging happen before the writes,
 * so the transaction holds its row locks for microseconds.
 */
@Stateless
public class IssuanceBean implements IssuanceService {
    @EJB
    CaSigner signer;

    @EJB
    AuthorityRegistry registry;

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
    PrecertificateLog ctLog;

    @EJB
    UnusedSerials unusedSerials;

    private final CsrValidator validator = new CsrValidator();

    @Override
    public IssuedCertificate issue(IssuanceCommand command) {
        // 1. Registration.
        if (command.caller() == null || !command.caller().role().mayIssue()) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "this token may not issue certificates; use an admin or issuer token");
        }
        gate.requireOpen();
        CertificateProfile profile = CertificateProfile.fromApiName(command.profile());
        Duration validity = profile.validity(command.validityHours());
        String region = command.region() == null || command.region().isBlank() ? config.region() : command.region().trim();
        IssuingAuthority issuer = registry.activeIssuer(region).map(AuthorityRegistry.Entry::authority)
                .orElseThrow(() -> TrustChainException.policy("unknown region '" + region + "'; regions: " + String.join(", ", config.regions())));
        ValidatedCsr csr = validator.validate(command.csr(), profile);
        Instant now = Instant.now();

        // 2. Serial number: random; its uniqueness is enforced when it is recorded in step 4.
        BigInteger serial = SerialNumbers.next();
        String serialHex = SerialNumbers.toHex(serial);

        // 3. Precertificate, logged for its SCT.
        Validity window = Validity.startingAt(now, validity);
        X509CertificateHolder precertificate = signer.issuePrecertificate(issuer, csr, profile, serial, window);
        byte[] scts = logged(precertificate, issuer, serialHex, command.caller().name());

        // 4. The certificate itself, with the SCT.
        X509CertificateHolder certificate = signer.issueLeafWithScts(issuer, csr, profile, serial, window, scts);

        // 5. Record request, serial and certificate, then the audit event, in this transaction.
        List<String> names = csr.names().asText();
        byte[] der = encoded(certificate);
        certificates.recordIssuance(
                new IssuanceRequestRecord(csr.der(), profile.apiName(), command.validityHours(), region, command.caller().name(), now),
                new CertificateRecord(serialHex, issuer.id(), null, profile.apiName(), certificate.getSubject().toString(), names,
                        certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), CertificateStatus.VALID,
                        null, null, der, now, null));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("issuer", issuer.id());
        details.put("profile", profile.apiName());
        details.put("names", String.join(",", names));
        details.put("not_after", certificate.getNotAfter().toInstant().toString());
        audit.record(new AuditEvent(command.caller().name(), "certificate.issued", "certificate", serialHex, details));
        issuedEvents.fire(new CertificateIssued(serialHex, issuer.id(), profile.apiName(), names, der, certificate.getNotAfter().toInstant()));

        return new IssuedCertificate(serialHex, Pem.certificate(der), List.of(Pem.certificate(encoded(issuer.certificate()))),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), profile.apiName(), issuer.id());
    }

    /**
     * The TLS-encoded SCT list for {@code precertificate} from this deployment's log. Any failure
     * leaves the serial recorded as unused and answers 503 when the log is unavailable (the
     * client may retry: a new request draws a new serial), 500 otherwise.
     */
    private byte[] logged(X509CertificateHolder precertificate, IssuingAuthority issuer, String serialHex, String actor) {
        try {
            AddedEntry entry = ctLog.logOwnPrecertificate(List.of(encoded(precertificate), encoded(issuer.certificate())));
            return SctList.encode(List.of(entry.sct()));
        } catch (RuntimeException e) {
            TrustChainException cause = TrustChainException.find(e);
            unusedSerials.record(serialHex, issuer.id(), actor, cause == null ? String.valueOf(e) : cause.getMessage());
            if (cause != null && cause.kind() == ErrorKind.UNAVAILABLE) {
                throw new TrustChainException(ErrorKind.UNAVAILABLE,
                        "the certificate was not issued because the CT log could not log its precertificate (" + cause.getMessage()
                                + "); nothing was stored, retry shortly", e);
            }
            throw TrustChainException.internal("the CT log refused this CA's precertificate for serial " + serialHex, e);
        }
    }

    static byte[] encoded(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw TrustChainException.internal("cannot encode certificate", e);
        }
    }
}
