package online.hypermesh.trustchain.ca.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.api.AuditLog;
import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.domain.AuditArchive;
import online.hypermesh.trustchain.ca.domain.AuditChainStore;
import online.hypermesh.trustchain.ca.domain.AuditChainStore.Chained;
import online.hypermesh.trustchain.ca.domain.AuditChainStore.Checkpoint;
import online.hypermesh.trustchain.ca.signer.CaSigner;
import online.hypermesh.trustchain.core.audit.AuditBundle;
import online.hypermesh.trustchain.core.audit.AuditChain;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.Pem;

/** Reads of the audit trail and its chain; nothing here writes an event. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class AuditLogBean implements AuditLog {
    static final int MAX_PAGE = 1000;
    /** Looked up once: Json.createReader() searches for a provider on every call. */
    private static final jakarta.json.spi.JsonProvider JSON = jakarta.json.spi.JsonProvider.provider();

    @Inject
    AuditChainStore chain;

    @EJB
    AuditSealer sealer;

    @Inject
    AuditArchive archive;

    @EJB
    CaSigner signer;

    @Override
    public Page page(Query q, Caller caller) {
        requireReader(caller);
        int limit = q.limit() <= 0 ? 100 : Math.min(q.limit(), MAX_PAGE);
        List<Event> events = chain.page(Math.max(0, q.afterId()), limit, q.action(), q.actor(), q.from(), q.to(), q.objectId()).stream()
                .map(l -> new Event(l.record().id(), l.seq(), l.record().occurredAt(), l.record().node(), l.record().actor(),
                        l.record().action(), l.record().objectType(), l.record().objectId(), details(l.record().details())))
                .toList();
        return new Page(events, chain.unchainedCount());
    }

    @Override
    public String export(Instant from, Instant to, Caller caller) {
        requireReader(caller);
        if (from == null || to == null || !from.isBefore(to)) {
            throw TrustChainException.malformed("give from and to (RFC 3339), from before to, e.g. ?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z");
        }
        sealer.chainPending();
        long first = chain.firstSeqAtOrAfter(from).orElseThrow(() -> TrustChainException.notFound("no chained audit event at or after " + from));
        long last = chain.lastSeqBefore(to).orElse(0L);
        if (last < first) {
            throw TrustChainException.notFound("no chained audit event between " + from + " and " + to);
        }
        Checkpoint covering = chain.firstCheckpointCovering(last)
                .or(() -> sealer.checkpoint().filter(c -> c.size() >= first))
                .orElseThrow(() -> TrustChainException.internal("no checkpoint covers position " + last, null));
        long end = covering.size();
        if (end - first + 1 > MAX_EXPORT) {
            throw TrustChainException.malformed("the range holds " + (end - first + 1) + " events; export at most " + MAX_EXPORT
                    + " at a time (a shorter range)");
        }
        byte[] previous = first == 1 ? AuditChain.genesis() : chain.hashAt(first - 1)
                .orElseThrow(() -> TrustChainException.internal("the chain has no position " + (first - 1), null));
        AuditBundle bundle = new AuditBundle(signer.auditKey().getEncoded(), first, previous);
        List<Checkpoint> checkpoints = new ArrayList<>(chain.checkpoints(first, end));
        int next = 0;
        for (Chained c : chain.chained(first, end)) {
            bundle.event(c.record(), c.hash());
            while (next < checkpoints.size() && checkpoints.get(next).size() == c.record().seq()) {
                bundle.checkpoint(checkpoints.get(next).text(), checkpoints.get(next).signature());
                next++;
            }
        }
        return bundle.text();
    }

    @Override
    public CheckpointView checkpoint(Caller caller) {
        requireReader(caller);
        Optional<Checkpoint> c = sealer.checkpoint();
        return c.map(AuditLogBean::view).orElseThrow(() -> TrustChainException.notFound("the audit trail has no events yet"));
    }

    @Override
    public String publicKeyPem(Caller caller) {
        requireReader(caller);
        return Pem.encode("PUBLIC KEY", signer.auditKey().getEncoded());
    }

    @Override
    public ArchiveCheck verifyArchive(Caller caller) {
        requireReader(caller);
        AuditArchive.Check c = archive.verify()
                .orElseThrow(() -> TrustChainException.notFound("no audit archive is configured (trustchain.s3.enabled is false)"));
        CtArchiveCheck ct = c.ct() == null ? null
                : new CtArchiveCheck(c.ct().ok(), c.ct().treeSize(), c.ct().tiles(), c.ct().failedAtLeaf(), c.ct().reason(), c.ct().damaged());
        return new ArchiveCheck(c.location(), c.ok(), c.objects(), c.events(), c.firstSeq(), c.lastSeq(), c.checkpoints(), c.failedAt(),
                c.reason(), c.damaged(), ct);
    }

    /** The stored jsonb as the string map it was written from (JdbcAuditTrail writes strings only). */
    static java.util.SortedMap<String, String> details(String json) {
        java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
        try (jakarta.json.JsonReader reader = JSON.createReader(new java.io.StringReader(json))) {
            reader.readObject().forEach((k, v) -> out.put(k, v instanceof jakarta.json.JsonString s ? s.getString() : v.toString()));
        }
        return out;
    }

    private static CheckpointView view(Checkpoint c) {
        Base64.Encoder b64 = Base64.getEncoder();
        return new CheckpointView(c.size(), b64.encodeToString(c.head()), c.signedAt(), c.node(), c.text(), b64.encodeToString(c.signature()));
    }

    private static void requireReader(Caller caller) {
        if (caller == null || !(caller.has(Caller.Role.AUDITOR) || caller.has(Caller.Role.ADMIN))) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "only an account with the auditor or admin role may read the audit trail");
        }
    }
}
