package online.hypermesh.trustchain.ca.application;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.ca.config.TrustChainConfig;
import online.hypermesh.trustchain.ca.domain.AuthorityRecord;
import online.hypermesh.trustchain.ca.domain.AuthorityRepository;
import online.hypermesh.trustchain.ca.domain.AuthorityStatus;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.AuthorityUrls;
import online.hypermesh.trustchain.core.x509.IssuingAuthority;

/**
 * The CA hierarchy in memory: read on every issuance, changed only by bootstrap and rollover.
 * {@link #snapshot} is replaced whole (copy-on-write), so readers never lock.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AuthorityRegistry {
    /** How soon a node follows a rollover made on another node. */
    public static final java.time.Duration RELOAD_PERIOD = java.time.Duration.ofSeconds(30);

    @Inject
    AuthorityRepository repository;

    @Inject
    TrustChainConfig config;

    private volatile List<Entry> snapshot = List.of();
    /**
     * Off until the bootstrap has committed: before that a periodic reload reads the hierarchy
     * without what the bootstrap is writing, and would empty the snapshot under it (the deployment
     * then failed with "no active root" when the bootstrap straddled a :00 or :30 second).
     */
    private volatile boolean following;

    /** One authority with its stored record. */
    public record Entry(AuthorityRecord record, IssuingAuthority authority) {
        public boolean isRoot() {
            return record.parentId() == null;
        }
    }

    /** Re-reads the hierarchy from the database (in the caller's transaction, if any). */
    public void reload() {
        List<Entry> entries = new ArrayList<>();
        for (AuthorityRecord r : repository.findAll()) {
            entries.add(new Entry(r, authorityOf(r, config.publicHttpUrl())));
        }
        snapshot = List.copyOf(entries);
    }

    /**
     * Follows rollovers made on other nodes (this node's own are applied at once by
     * {@link HierarchyFollower}): until then they keep issuing from the retired authority,
     * whose certificates are as valid.
     */
    @Schedule(hour = "*", minute = "*", second = "*/30", persistent = false, info = "reload-authorities")
    public void periodicReload() {
        if (following) {
            reload();
        }
    }

    /**
     * Called once the bootstrap's transaction has committed (from its completion callback, hence no
     * transaction of its own): from then on the periodic reload follows other nodes' changes.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void startFollowing() {
        following = true;
    }

    /** The signing view of a stored authority, with the URLs its certificates point to. */
    public static IssuingAuthority authorityOf(AuthorityRecord r, String publicHttpUrl) {
        try {
            return new IssuingAuthority(r.id(), new X509CertificateHolder(r.certificate()), r.keyAlias(), r.keyType(),
                    AuthorityUrls.under(publicHttpUrl, r.id()));
        } catch (IOException e) {
            throw TrustChainException.internal("stored certificate of authority " + r.id() + " is not DER", e);
        }
    }

    public List<Entry> all() {
        return snapshot;
    }

    public Optional<Entry> byId(String id) {
        return snapshot.stream().filter(e -> e.record().id().equals(id)).findFirst();
    }

    public Optional<Entry> activeRoot() {
        return snapshot.stream().filter(e -> e.isRoot() && e.record().status() == AuthorityStatus.ACTIVE).findFirst();
    }

    /**
     * The certificates of every root this node knows, the active one first: a rollover's retired
     * root still anchors certificates issued under it, and its successor anchors new ones.
     */
    public List<X509CertificateHolder> rootCertificates() {
        return snapshot.stream().filter(Entry::isRoot)
                .sorted(Comparator.comparing(e -> e.record().status() != AuthorityStatus.ACTIVE))
                .map(e -> e.authority().certificate())
                .toList();
    }

    /** The active issuing intermediate of {@code region}. */
    public Optional<Entry> activeIssuer(String region) {
        return snapshot.stream()
                .filter(e -> region.equals(e.record().region()) && e.record().status() == AuthorityStatus.ACTIVE)
                .findFirst();
    }
}
