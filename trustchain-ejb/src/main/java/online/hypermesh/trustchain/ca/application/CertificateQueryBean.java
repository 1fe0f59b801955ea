package online.hypermesh.trustchain.ca.application;

import java.time.Instant;
import java.util.Locale;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.api.CertificateDetails;
import online.hypermesh.trustchain.ca.api.CertificateQueries;
import online.hypermesh.trustchain.ca.domain.CertificateRecord;
import online.hypermesh.trustchain.ca.domain.CertificateRepository;
import online.hypermesh.trustchain.ca.domain.CertificateStatus;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.Pem;
import online.hypermesh.trustchain.core.x509.SerialNumbers;

@Stateless
public class CertificateQueryBean implements CertificateQueries {
    @Inject
    CertificateRepository certificates;

    @Override
    public CertificateDetails find(String serialHex) {
        var serial = SerialNumbers.parseHex(serialHex == null ? null : serialHex.toLowerCase(Locale.ROOT));
        if (serial == null) {
            throw TrustChainException.malformed("'" + serialHex + "' is not a serial number; use lower-case hex without separators");
        }
        CertificateRecord c = certificates.find(SerialNumbers.toHex(serial))
                .orElseThrow(() -> TrustChainException.notFound("no certificate with serial number " + SerialNumbers.toHex(serial)));
        // The expiry timer marks rows later; a reader must never see "valid" past notAfter.
        CertificateStatus status = c.status() == CertificateStatus.VALID && c.notAfter().isBefore(Instant.now())
                ? CertificateStatus.EXPIRED : c.status();
        return new CertificateDetails(c.serialHex(), status.apiValue(), c.issuerId(), c.profile(), c.subject(), c.names(),
                c.notBefore(), c.notAfter(), c.revocationReason(), c.revokedAt(), Pem.certificate(c.der()));
    }
}
