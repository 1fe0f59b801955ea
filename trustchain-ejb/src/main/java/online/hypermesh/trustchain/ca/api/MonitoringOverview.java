package online.hypermesh.trustchain.ca.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.ejb.Local;

/**
 * The console's overview: a few of this node's Prometheus meters read from the same registry
 * /metrics serves, so the console and the dashboard never disagree. Counters are totals since
 * the node started; a rate is the difference of two reads over their interval.
 */
@Local
public interface MonitoringOverview {
    Overview read();

    /**
     * @param issued          certificates issued (trustchain_ca_certificates_issued_total, all labels)
     * @param refusals        refused issuances by reason (trustchain_ca_refusals_total)
     * @param revocations     revocations (trustchain_ca_revocations_total)
     * @param dnsQueries      mesh DNS queries answered (trustchain_dns_queries_total)
     * @param issuanceEnabled the emergency switch (trustchain_ca_issuance_enabled)
     * @param ctTreeSize      the CT log's latest signed tree size (trustchain_ct_log_size)
     * @param ctConfirmedSize the largest size a quorum of witnesses cosigned (trustchain_ct_checkpoint_confirmed_size), -1 without witnesses
     */
    record Overview(Instant readAt, double issued, Map<String, Double> refusals, double revocations, double dnsQueries,
                    boolean issuanceEnabled, long ctTreeSize, long ctConfirmedSize, List<Witness> witnesses,
                    List<Expiry> authorities, List<Expiry> ocspResponders, List<Crl> crls) {
    }

    /** The latest CRL of an issuer (kind full or delta): its thisUpdate and nextUpdate. */
    record Crl(String issuer, String kind, Instant thisUpdate, Instant nextUpdate) {
    }

    /** One configured witness: the size it last cosigned (-1: none), when, and whether it holds a split view. */
    record Witness(String name, long cosignedSize, Instant cosignedAt, boolean splitView) {
    }

    /** A CA certificate (role root or intermediate, and its status) or an OCSP responder (role ocsp) and its notAfter. */
    record Expiry(String issuer, String role, String status, Instant notAfter) {
    }
}
