package online.hypermesh.trustchain.ca.dns;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.domain.CertificateIssued;
import online.hypermesh.trustchain.ca.domain.CertificateStatusChanged;

/**
 * Logs certificate changes that can move TLSA records into {@code dns_change}, inside the
 * transaction that makes them (IN_PROGRESS), so other nodes learn of exactly the committed ones.
 * AAAA changes are logged by {@link DnsRecordsBean} itself.
 */
@ApplicationScoped
public class ZoneChangeRecorder {

    @EJB
    DnsChangeLog log;

    @Inject
    ZonePublisher zone;

    void issued(@Observes(during = TransactionPhase.IN_PROGRESS) CertificateIssued event) {
        if (ZonePublisher.TLS_PROFILES.contains(event.profile())
                && event.names().stream().anyMatch(n -> DnsNames.inZone(n, zone.settings().origin()) != null)) {
            log.append(DnsChange.CERTIFICATE, event.serialHex(), zone.nodeId());
        }
    }

    void statusChanged(@Observes(during = TransactionPhase.IN_PROGRESS) CertificateStatusChanged event) {
        log.append(DnsChange.CERTIFICATE, event.serialHex(), zone.nodeId());
    }
}
