package online.hypermesh.trustchain.ca.api;

import java.util.List;

import jakarta.ejb.Local;

/**
 * A relying party's verification of a certificate chain against this CA's roots, its OCSP
 * responder, its CT log and the log's witnesses: every check with its evidence.
 */
@Local
public interface CertificateValidation {
    /**
     * @param pemChain leaf first, then its issuers, as PEM
     * @throws online.hypermesh.trustchain.core.error.TrustChainException (malformed) when it holds no readable certificate
     */
    Report validate(String pemChain);

    /** @param outcome pass, fail or skip */
    record Check(String name, String outcome, String detail, String evidence) {
    }

    record Report(boolean valid, List<Check> checks) {
        public Report {
            checks = List.copyOf(checks);
        }
    }
}
