package online.hypermesh.trustchain.ca.application;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.ClientIdentities;
import online.hypermesh.trustchain.ca.api.ClientIdentityView;
import online.hypermesh.trustchain.ca.domain.Account;
import online.hypermesh.trustchain.ca.domain.AccountRepository;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.ca.domain.ClientIdentityRepository;
import online.hypermesh.trustchain.ca.domain.ClientIdentityRepository.BoundIdentity;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.policy.RequestedName;

/** Client-identity bindings for administrators; each change and its audit event commit together. */
@Stateless
public class ClientIdentitiesBean implements ClientIdentities {
    @Inject
    AccountRepository accounts;

    @Inject
    ClientIdentityRepository identities;

    @Inject
    AuditTrail audit;

    @Override
    public ClientIdentityView bind(String accountName, String identifier, Caller caller) {
        AccountsBean.requireAdmin(caller, "bind client identities");
        String canonical = canonical(identifier);
        // Locked so that a concurrent disable cannot interleave with the bind.
        Account account = accounts.lock(accountName).orElseThrow(() -> AccountsBean.notFound(accountName));
        if (!account.enabled()) {
            throw new TrustChainException(ErrorKind.CONFLICT, "account '" + accountName + "' is disabled; enable it before binding client identities");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        BoundIdentity bound = identities.add(account.id(), canonical, now, caller.name());
        audit.record(new AuditEvent(caller.name(), "client_identity.bound", "account_client_identity", accountName + "/" + bound.id(),
                Map.of("account", accountName, "identifier", canonical)));
        return view(bound);
    }

    @Override
    public List<ClientIdentityView> list(String accountName, Caller caller) {
        AccountsBean.requireReader(caller);
        Account account = accounts.find(accountName).orElseThrow(() -> AccountsBean.notFound(accountName));
        return identities.list(account.id()).stream().map(ClientIdentitiesBean::view).toList();
    }

    @Override
    public ClientIdentityView remove(String accountName, long bindingId, Caller caller) {
        AccountsBean.requireAdmin(caller, "remove client identities");
        Account account = accounts.find(accountName).orElseThrow(() -> AccountsBean.notFound(accountName));
        BoundIdentity bound = identities.find(account.id(), bindingId).orElseThrow(() -> TrustChainException.notFound("account '"
                + accountName + "' has no client identity " + bindingId + "; GET /api/v1/accounts/" + accountName
                + "/client-identities lists them"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (identities.remove(bindingId, now, caller.name())) {
            audit.record(new AuditEvent(caller.name(), "client_identity.removed", "account_client_identity", accountName + "/" + bindingId,
                    Map.of("account", accountName, "identifier", bound.identifier())));
            bound = new BoundIdentity(bound.id(), bound.accountId(), bound.identifier(), bound.createdAt(), bound.createdBy(), now, caller.name());
        }
        return view(bound);
    }

    /** The identifier as a certificate's URI SAN is compared with it: the registration authority's canonical URI. */
    static String canonical(String identifier) {
        if (identifier == null || identifier.isBlank()) {
            throw TrustChainException.malformed("send {\"identifier\": \"spiffe://hypermesh.online/ops/alice\"}: the URI SAN of the account's client certificates");
        }
        String canonical = RequestedName.uri(identifier).value();
        if (canonical.length() > 2048) {
            throw TrustChainException.malformed("identifier is longer than 2048 characters");
        }
        return canonical;
    }

    private static ClientIdentityView view(BoundIdentity b) {
        return new ClientIdentityView(b.id(), b.identifier(), b.createdAt(), b.createdBy(), b.removedAt(), b.removedBy(),
                b.removedAt() == null ? "active" : "removed");
    }
}
