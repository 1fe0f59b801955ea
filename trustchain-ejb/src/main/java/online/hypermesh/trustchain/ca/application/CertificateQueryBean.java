package online.hypermesh.trustchain.ca.application;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.api.CertificateDetails;
import online.hypermesh.trustchain.ca.api.CertificatePage;
import online.hypermesh.trustchain.ca.api.CertificateSearchQuery;
import online.hypermesh.trustchain.ca.api.CertificateQueries;
import online.hypermesh.trustchain.ca.domain.CertificateRecord;
import online.hypermesh.trustchain.ca.domain.CertificateRepository;
import online.hypermesh.trustchain.ca.domain.CertificateSearch;
import online.hypermesh.trustchain.ca.domain.CertificateStatus;
import online.hypermesh.trustchain.ca.domain.IssuanceStage;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.Pem;
import online.hypermesh.trustchain.core.x509.SerialNumbers;

@Stateless
public class CertificateQueryBean implements CertificateQueries {
    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 1000;

    @Inject
    CertificateRepository certificates;

    @Override
    public CertificateDetails find(String serialHex) {
        String serial = SerialNumbers.canonicalApiSerial(serialHex);
        CertificateRecord c = certificates.find(serial)
                .orElseThrow(() -> TrustChainException.notFound("no certificate with serial number " + serial));
        return details(c, Instant.now(), certificates.successorOf(c.serialHex()).orElse(null));
    }

    @Override
    public CertificatePage search(CertificateSearchQuery q) {
        int limit = q.limit() == null ? DEFAULT_PAGE : q.limit();
        if (limit < 1 || limit > MAX_PAGE) {
            throw TrustChainException.malformed("limit must be between 1 and " + MAX_PAGE + ", was " + limit);
        }
        if (q.expiresAfter() != null && q.expiresBefore() != null && !q.expiresAfter().isBefore(q.expiresBefore())) {
            throw TrustChainException.malformed("expires_after must be before expires_before");
        }
        String after = null;
        if (q.pageToken() != null) {
            var serial = SerialNumbers.parseHex(q.pageToken());
            if (serial == null) {
                throw TrustChainException.malformed("page_token '" + q.pageToken() + "' is not one this API returned");
            }
            after = SerialNumbers.toHex(serial);
        }
        CertificateStatus status = q.status() == null ? null : parseStatus(q.status());
        IssuanceStage stage = q.stage() == null || q.stage().isBlank() ? null : parseStage(q.stage());
        Instant now = Instant.now();
        // One extra row tells whether another page follows without a count query.
        List<CertificateRecord> rows = certificates.search(new CertificateSearch(blankToNull(q.subject()), blankToNull(q.name()), status,
                blankToNull(q.issuer()), q.expiresAfter(), q.expiresBefore(), after, limit + 1, stage), now);
        boolean more = rows.size() > limit;
        List<CertificateDetails> items = rows.stream().limit(limit).map(c -> details(c, now, null)).toList();
        return new CertificatePage(items, more ? items.get(items.size() - 1).serialNumber() : null);
    }

    private static CertificateStatus parseStatus(String status) {
        try {
            return CertificateStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw TrustChainException.malformed("status '" + status + "' is not one of valid, revoked, expired");
        }
    }

    private static IssuanceStage parseStage(String stage) {
        try {
            return IssuanceStage.valueOf(stage.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw TrustChainException.malformed("stage '" + stage + "' is not one of precertificate, final");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** @param renewedBy the successor's serial, or null; search pages leave it out (one query per row otherwise) */
    private static CertificateDetails details(CertificateRecord c, Instant now, String renewedBy) {
        // The expiry timer marks rows later; a reader must never see "valid" past notAfter.
        CertificateStatus status = c.status() == CertificateStatus.VALID && c.notAfter().isBefore(now) ? CertificateStatus.EXPIRED : c.status();
        return new CertificateDetails(c.serialHex(), status.apiValue(), c.issuerId(), c.profile(), c.subject(), c.names(),
                c.notBefore(), c.notAfter(), c.revocationReason(), c.revokedAt(), c.der() == null ? null : Pem.certificate(c.der()),
                c.replacesSerialHex(), renewedBy, c.stage().apiValue(), c.precertificateDer() == null ? null : Pem.certificate(c.precertificateDer()),
                c.externalCa());
    }
}
