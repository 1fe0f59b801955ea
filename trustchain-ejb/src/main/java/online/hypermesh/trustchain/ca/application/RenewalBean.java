package online.hypermesh.trustchain.ca.application;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.IssuanceCommand;
import online.hypermesh.trustchain.ca.api.IssuedCertificate;
import online.hypermesh.trustchain.ca.api.RenewalService;
import online.hypermesh.trustchain.ca.domain.CertificateRecord;
import online.hypermesh.trustchain.ca.domain.CertificateRepository;
import online.hypermesh.trustchain.ca.domain.CertificateStatus;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.CertificateProfile;
import online.hypermesh.trustchain.core.x509.CsrValidator;
import online.hypermesh.trustchain.core.x509.ProvenKeyRequest;
import online.hypermesh.trustchain.core.x509.SerialNumbers;
import online.hypermesh.trustchain.core.x509.ValidatedCsr;

/**
 * Renewal: check that the predecessor may be renewed and that the new CSR names exactly its names,
 * then issue through {@link IssuanceBean#issueRenewal} (same checks, same steps), which names the
 * predecessor in the issuance intent and links the two with the final certificate. So of two
 * parallel renewals one wins and the other gets 409 before its precertificate exists, and a
 * renewal that fails leaves the predecessor as it was. A client renews a 24-hour certificate
 * ahead of expiry and swaps it in without downtime; {@link SupersedeMarker} revokes the
 * predecessor as superseded once the grace period is over.
 *
 * <p>No transaction of its own: the reads here give early, clear answers, and issuance re-checks
 * the predecessor under its row lock in each of its transactions.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RenewalBean implements RenewalService {
    @EJB
    IssuanceBean issuance;

    @EJB
    AuthorityRegistry registry;

    @Inject
    CertificateRepository certificates;

    private final CsrValidator validator = new CsrValidator();

    @Override
    public IssuedCertificate renew(String serialHex, byte[] csr, Integer validityHours, Caller caller) {
        return renew(serialHex, csr, null, validityHours, caller);
    }

    /** A renewal from a request that is not a CSR (a CRMF key update whose proof of possession the edge verified). */
    public IssuedCertificate renew(String serialHex, ProvenKeyRequest request, Integer validityHours, Caller caller) {
        return renew(serialHex, null, request, validityHours, caller);
    }

    private IssuedCertificate renew(String serialHex, byte[] csr, ProvenKeyRequest proven, Integer validityHours, Caller caller) {
        if (caller == null || !caller.mayIssue()) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "this account may not renew certificates; it needs the issuer role");
        }
        String serial = SerialNumbers.canonicalApiSerial(serialHex);
        CertificateRecord predecessor = certificates.find(serial)
                .orElseThrow(() -> TrustChainException.notFound("no certificate with serial number " + serial));
        if (predecessor.status() != CertificateStatus.VALID || !predecessor.notAfter().isAfter(Instant.now())) {
            String state = predecessor.status() == CertificateStatus.VALID ? "expired" : predecessor.status().apiValue();
            throw new TrustChainException(ErrorKind.CONFLICT, "certificate " + serial + " is " + state
                    + "; only a valid certificate is renewed, request a new one with POST /api/v1/ca/certificates");
        }
        if (predecessor.delegated()) {
            throw TrustChainException.policy("certificate " + serial + " was issued by external CA " + predecessor.externalCa()
                    + " and is not renewed through TrustChain; request a new one with POST /api/v1/ca/certificates");
        }
        certificates.successorOf(serial).ifPresent(successor -> {
            throw new TrustChainException(ErrorKind.CONFLICT, "certificate " + serial + " was already renewed by " + successor
                    + "; fetch it with GET /api/v1/ca/certificates/" + successor + ", or renew that one");
        });
        CertificateProfile profile = CertificateProfile.fromApiName(predecessor.profile());
        ValidatedCsr validated = proven != null ? validator.validate(proven, profile) : validator.validate(csr, profile);
        requireSameNames(predecessor, validated);
        String region = registry.byId(predecessor.issuerId()).map(e -> e.record().region())
                .orElseThrow(() -> TrustChainException.internal("issuer " + predecessor.issuerId() + " of " + serial + " is unknown", null));

        IssuanceCommand command = new IssuanceCommand(proven != null ? proven.der() : csr, profile.apiName(), validityHours, region, caller);
        return proven != null ? issuance.issueProven(command, proven, serial) : issuance.issueRenewal(command, serial);
    }

    /** Renewal keeps the identity: the same DNS names, IP addresses and URIs, in any order. */
    private static void requireSameNames(CertificateRecord predecessor, ValidatedCsr csr) {
        Set<String> requested = new HashSet<>(csr.names().asText());
        Set<String> existing = new HashSet<>(predecessor.names());
        if (!requested.equals(existing)) {
            throw TrustChainException.badName("a renewal must name exactly the names of " + predecessor.serialHex() + " "
                    + new TreeSet<>(existing) + ", but the CSR names " + new TreeSet<>(requested)
                    + "; for other names request a new certificate");
        }
    }
}
