package online.hypermesh.trustchain.ca.api;

import jakarta.ejb.Local;

/** Issues end-entity certificates. */
@Local
public interface IssuanceService {
    /**
     * Validates, records and signs in one transaction: the request, the serial reservation, the
     * certificate and the audit event commit together. A rejected request stores nothing.
     */
    IssuedCertificate issue(IssuanceCommand command);
}
