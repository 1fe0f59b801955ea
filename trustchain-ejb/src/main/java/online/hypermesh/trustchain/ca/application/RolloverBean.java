package online.hypermesh.trustchain.ca.application;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.RolloverService;
import online.hypermesh.trustchain.ca.config.TrustChainConfig;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.ca.domain.AuthorityRecord;
import online.hypermesh.trustchain.ca.domain.AuthorityRepository;
import online.hypermesh.trustchain.ca.domain.AuthorityRolledOver;
import online.hypermesh.trustchain.ca.domain.AuthorityStatus;
import online.hypermesh.trustchain.ca.domain.RootLinks;
import online.hypermesh.trustchain.ca.signer.CaSigner;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.IssuingAuthority;
import online.hypermesh.trustchain.core.x509.PermittedSubtrees;
import online.hypermesh.trustchain.core.x509.SerialNumbers;

/**
 * Key rollover in one transaction under the hierarchy lock: read the hierarchy fresh from the
 * database, generate the successor's key and certificate, retire the old authority (naming its
 * successor), store the successor, audit. Certificates of the old authority stay valid; it keeps
 * its CRLs and OCSP responder.
 *
 * <p>After the commit, and only then, this node follows: new issuance switches to the successor
 * (other nodes follow within {@link AuthorityRegistry#RELOAD_PERIOD}), {@link AuthorityRolledOver} tells
 * the rooms that follow the hierarchy (the CT log's accepted roots), the successor gets its OCSP
 * responder and first CRLs, and the trust anchor files are rewritten. Bean-managed transactions,
 * because that follow-up needs transactions of its own; each step is retried by its timer if it fails.
 */
@Stateless
@TransactionManagement(TransactionManagementType.BEAN)
public class RolloverBean implements RolloverService {
    private static final Logger LOG = Logger.getLogger(RolloverBean.class.getName());

    @EJB
    CaSigner signer;

    @Inject
    AuthorityRepository authorities;

    @Inject
    AuditTrail audit;

    @Inject
    TrustChainConfig config;

    @EJB
    AuthorityRegistry registry;

    @EJB
    OcspResponders responders;

    @EJB
    CrlPublisher crls;

    @Inject
    TrustAnchorFiles anchors;

    @Inject
    RootLinks links;

    /** For the rooms that follow the hierarchy: the CT log must accept a new root's intermediates before the first issuance under them. */
    @Inject
    Event<AuthorityRolledOver> rolledOver;

    @Resource
    UserTransaction transaction;

    @Override
    public RolloverResult rollover(String authorityId, Caller caller) {
        if (caller == null || !caller.has(Caller.Role.ADMIN)) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "key rollover needs an admin token");
        }
        RolloverResult result = BeanTransaction.runOrInternal(transaction, "the rollover of " + authorityId,
                () -> rollOverLocked(authorityId, caller));
        if (result.created()) {
            follow(result);
        }
        return result;
    }

    private void follow(RolloverResult result) {
        try {
            registry.reload();
            rolledOver.fire(new AuthorityRolledOver(result.retired(), result.successor(), result.alsoRolledOver()));
            anchors.publish();
            responders.rotate();
            crls.refreshStale();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "following the rollover of " + result.retired() + " failed; the timers catch up", e);
        }
    }

    private RolloverResult rollOverLocked(String authorityId, Caller caller) {
        authorities.lockForBootstrap();
        List<AuthorityRecord> all = authorities.findAll();
        AuthorityRecord current = all.stream().filter(a -> a.id().equals(authorityId)).findFirst()
                .orElseThrow(() -> TrustChainException.notFound("no certificate authority '" + authorityId + "'"));
        if (current.status() == AuthorityStatus.RETIRED && current.successorId() != null) {
            return new RolloverResult(current.id(), current.successorId(), List.of(), false);
        }
        if (current.status() != AuthorityStatus.ACTIVE) {
            throw new TrustChainException(ErrorKind.CONFLICT, "authority " + current.id() + " is " + current.status().dbValue()
                    + " and has no successor; only an active authority is rolled over");
        }
        AuthorityNaming naming = new AuthorityNaming(config.country(), config.organization());
        Instant now = Instant.now();
        List<String> retired = new ArrayList<>();
        List<String> created = new ArrayList<>();
        String successor;
        if (current.parentId() == null) {
            IssuingAuthority newRoot = rollRoot(current, naming, now, caller);
            successor = newRoot.id();
            retired.add(current.id());
            created.add(successor);
            // Every active intermediate moves under the new root, so that new chains end there.
            for (AuthorityRecord intermediate : all) {
                if (current.id().equals(intermediate.parentId()) && intermediate.status() == AuthorityStatus.ACTIVE) {
                    created.add(rollIntermediate(intermediate, newRoot, naming, now, caller).id());
                    retired.add(intermediate.id());
                }
            }
        } else {
            AuthorityRecord root = all.stream().filter(a -> a.parentId() == null && a.status() == AuthorityStatus.ACTIVE).findFirst()
                    .orElseThrow(() -> TrustChainException.internal("the hierarchy has no active root", null));
            successor = rollIntermediate(current, AuthorityRegistry.authorityOf(root, config.publicHttpUrl()), naming, now, caller).id();
            retired.add(current.id());
            created.add(successor);
        }
        List<String> also = retired.stream().filter(id -> !id.equals(current.id())).toList();
        LOG.warning(() -> "key rollover by " + caller.name() + ": " + retired + " retired, " + created + " active");
        return new RolloverResult(current.id(), successor, also, true);
    }

    private IssuingAuthority rollRoot(AuthorityRecord old, AuthorityNaming naming, Instant now, Caller caller) {
        int generation = AuthorityNaming.generation(old.id()) + 1;
        String id = AuthorityNaming.rootId(generation);
        X500Name subject = naming.rootSubject(generation);
        IssuingAuthority root = signer.createRoot(id, subject, AuthorityNaming.years(10));
        authorities.retire(old.id(), id, now);
        authorities.add(AuthorityRecord.newActive(root, null, null));
        RootLinks.RootLink link = link(AuthorityRegistry.authorityOf(old, config.publicHttpUrl()), root);
        links.add(link, now);
        audit.record(new AuditEvent(caller.name(), "authority.rolled-over", "authority", old.id(),
                Map.of("successor", id, "subject", subject.toString(), "link_serial", link.serialHex())));
        return root;
    }

    /**
     * The old root certifies the new root's key under the new root's name, so that a relying party
     * that trusts only the old root validates the new chains through it (one intermediate below it)
     * until the old root expires; linted like every cross certificate.
     */
    private RootLinks.RootLink link(IssuingAuthority oldRoot, IssuingAuthority newRoot) {
        BigInteger serial = SerialNumbers.next();
        X509CertificateHolder link = signer.issueCrossCertificate(oldRoot, newRoot.certificate(), serial, 1, PermittedSubtrees.none());
        try {
            return new RootLinks.RootLink(SerialNumbers.toHex(serial), oldRoot.id(), newRoot.id(), link.getEncoded(),
                    link.getNotBefore().toInstant(), link.getNotAfter().toInstant(), link.getSubject().toString());
        } catch (java.io.IOException e) {
            throw TrustChainException.internal("cannot encode the link certificate of " + newRoot.id(), e);
        }
    }

    private IssuingAuthority rollIntermediate(AuthorityRecord old, IssuingAuthority root, AuthorityNaming naming, Instant now,
                                              Caller caller) {
        return new IntermediateSuccession(signer, authorities, audit, naming).succeed(old, root, now, caller.name(), Map.of());
    }
}
