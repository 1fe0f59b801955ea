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

/**
 * Issuance in numbered steps, all in one container transaction:
 * <ol>
 * <li>registration: check the caller, the emergency switch, profile, validity and region, and validate the CSR
 * (proof of possession, key, names) — a rejection here has written nothing;</li>
 * <li>draw a random serial number;</li>
 * <li>sign through the signer, which lints first;</li>
 * <li>record the request, the serial (unique in the database) and the certificate in one
 * statement, and the audit event.</li>
 * </ol>
 * The certificate leaves this bean only after all of it is written, and the caller sees it only
 * once the transaction commits; if anything fails, nothing survives and nothing was returned.
 * Signing happens before the writes so the transaction holds its row locks for microseconds.
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

        // 3. Lint and sign.
        X509CertificateHolder certificate = signer.issueLeaf(issuer, csr, profile, serial, Validity.startingAt(now, validity));

        // 4. Record request, serial and certificate, then the audit event, in this transaction.
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

    static byte[] encoded(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw TrustChainException.internal("cannot encode certificate", e);
        }
    }
}
