package online.hypermesh.trustchain.ca.application;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.config.AccountSettings;
import online.hypermesh.trustchain.ca.domain.Account;
import online.hypermesh.trustchain.ca.domain.AccountRepository;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.ca.domain.CaaRecords;
import online.hypermesh.trustchain.ca.domain.ClientIdentityRepository;
import online.hypermesh.trustchain.core.caa.CaaCheck;
import online.hypermesh.trustchain.core.caa.CaaDecision;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.policy.NameScope;
import online.hypermesh.trustchain.core.policy.RequestedName;
import online.hypermesh.trustchain.core.x509.SubjectNames;

/**
 * The registration step between the edges and the signer (ARCHITECTURE.md step 2): may this
 * requester have these names, this profile, region and validity? It answers by returning, or by
 * throwing FORBIDDEN (or POLICY_VIOLATION for a validity too long) with the reason; a refusal is
 * audited on its own transaction, since the request it refuses stores nothing. The checks, in order:
 * the account exists and is enabled; the profile, region and validity are allowed; no name is
 * blocked; no name is one of the CA's own unless an exact scope grants it; every name is within
 * the account's scopes; no URI is another account's client identity (unless an administrator
 * asks: it issues client certificates for others); the CAA records of every DNS name let this CA issue (RFC 8659; a lookup
 * that fails for a while gives UNAVAILABLE, one that cannot succeed, FORBIDDEN). System identities
 * issue only for the CA's own listeners and skip the account checks.
 */
@ApplicationScoped
public class RegistrationAuthority {
    @Inject
    AccountRepository accounts;

    @Inject
    AuditTrail audit;

    @Inject
    AccountSettings settings;

    @Inject
    CaaRecords caaRecords;

    @Inject
    ClientIdentityRepository clientIdentities;

    /** Built on first use from the settings; asks {@link #caaRecords} at each check. */
    private volatile CaaCheck caa;

    /** The request in the RA's terms: the CSR's names as {@link RequestedName}s. */
    public static List<RequestedName> names(SubjectNames names) {
        List<RequestedName> out = new ArrayList<>();
        for (String dns : names.dnsNames()) {
            out.add(RequestedName.dns(dns));
        }
        for (InetAddress ip : names.ipAddresses()) {
            out.add(RequestedName.ip(ip.getAddress()));
        }
        for (URI uri : names.uris()) {
            out.add(RequestedName.uri(uri.toString()));
        }
        return out;
    }

    /** Returns if the request is approved; throws with the reason otherwise. */
    public void approve(IssuanceRequest request) {
        if (request.validation() == IssuanceRequest.Validation.SYSTEM_IDENTITY) {
            requireSystemIdentity(request.requester());
            return;
        }
        try {
            check(request);
        } catch (TrustChainException e) {
            if (e.kind() == ErrorKind.FORBIDDEN || e.kind() == ErrorKind.POLICY_VIOLATION) {
                refused(request, e);
            }
            throw e;
        }
    }

    private void check(IssuanceRequest request) {
        Caller caller = request.requester();
        Account account = accounts.find(caller.name()).filter(Account::enabled)
                .orElseThrow(() -> new TrustChainException(ErrorKind.FORBIDDEN, "account '" + caller.name() + "' is unknown or disabled"));
        var authorization = account.authorization();
        if (!authorization.allowsProfile(request.profile())) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "account '" + account.name() + "' may not be issued profile '"
                    + request.profile() + "'; its profiles: " + authorization.profiles().stream().sorted().toList());
        }
        if (!authorization.allowsRegion(request.region())) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "account '" + account.name() + "' may not be issued from region '"
                    + request.region() + "'; its regions: " + authorization.regions().stream().sorted().toList());
        }
        Integer max = authorization.maxValidityHours();
        if (max != null && request.validity().toHours() > max) {
            throw TrustChainException.policy("account '" + account.name() + "' may be issued at most " + max
                    + " hours of validity; ask for validity_hours of " + max + " or less");
        }
        for (RequestedName name : request.names()) {
            if (name instanceof RequestedName.DnsName dns) {
                requireNotBlocked(dns);
                requireNotTheCas(dns, account);
            }
        }
        authorization.firstUncovered(request.names()).ifPresent(name -> {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "'" + name.display() + "' is outside the scopes of account '"
                    + account.name() + "'; an administrator can add a scope with PATCH /api/v1/accounts/" + account.name());
        });
        requireNoOthersClientIdentity(request, account);
        // Last: the one check that may ask the network, after everything decided locally.
        for (RequestedName name : request.names()) {
            if (name instanceof RequestedName.DnsName dns) {
                requireCaaPermits(caa(), dns);
            }
        }
    }

    /**
     * A URI bound as an account's client identity makes certificates carrying it credentials of
     * that account, so only that account, or an administrator issuing on its behalf, may have one.
     */
    private void requireNoOthersClientIdentity(IssuanceRequest request, Account account) {
        if (request.requester().has(Caller.Role.ADMIN)) {
            return;
        }
        List<String> uris = request.names().stream().filter(n -> n instanceof RequestedName.UriName).map(RequestedName::display).toList();
        clientIdentities.owners(uris).forEach((uri, owner) -> {
            if (!owner.equals(account.name())) {
                throw new TrustChainException(ErrorKind.FORBIDDEN, "'" + uri + "' is the client identity of account '" + owner
                        + "'; only that account or an administrator may be issued a certificate carrying it");
            }
        });
    }

    private CaaCheck caa() {
        CaaCheck c = caa;
        if (c == null) {
            c = new CaaCheck(Set.copyOf(settings.caaIssuerDomains()), domain -> caaRecords.lookup(domain));
            caa = c;
        }
        return c;
    }

    /** RFC 8659: the holder of the name, through its CAA records, must let this CA issue. IP addresses and URIs have none. */
    private static void requireCaaPermits(CaaCheck caa, RequestedName.DnsName name) {
        CaaDecision decision = caa.check(name.value());
        if (decision instanceof CaaDecision.Refused refused) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "CAA forbids issuing for '" + name.display() + "': " + refused.reason());
        }
        if (decision instanceof CaaDecision.Unchecked unchecked) {
            String detail = "the CAA records of '" + name.display() + "' could not be checked at " + unchecked.domain() + ": "
                    + unchecked.reason();
            throw unchecked.retryable()
                    ? new TrustChainException(ErrorKind.UNAVAILABLE, detail + "; retry later")
                    : new TrustChainException(ErrorKind.FORBIDDEN, detail);
        }
    }

    private void requireNotBlocked(RequestedName.DnsName name) {
        for (NameScope.Dns blocked : settings.blockedNames()) {
            if (blocked.covers(name)) {
                throw new TrustChainException(ErrorKind.FORBIDDEN, "'" + name.display() + "' is on this CA's list of names it never issues for ("
                        + blocked.value() + " in trustchain.ra.blocked.names)");
            }
        }
    }

    private void requireNotTheCas(RequestedName.DnsName name, Account account) {
        String base = name.value().startsWith("*.") ? name.value().substring(2) : name.value();
        boolean own = settings.caNames().stream().anyMatch(ca -> base.equals(ca) || base.endsWith("." + ca) || name.value().equals("*." + ca.substring(ca.indexOf('.') + 1)));
        if (!own) {
            return;
        }
        boolean exactlyGranted = account.authorization().scopes().stream()
                .anyMatch(s -> s instanceof NameScope.Dns d && !d.subdomains() && d.value().equals(name.value()));
        if (!exactlyGranted) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "'" + name.display() + "' is a name of the CA itself; only an account with"
                    + " a DNS scope for exactly that name may have it");
        }
    }

    private static void requireSystemIdentity(Caller caller) {
        if (caller == null || !SystemIdentities.isOne(caller)) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "only the CA's own system identities issue without an account");
        }
    }

    private void refused(IssuanceRequest request, TrustChainException e) {
        audit.record(new AuditEvent(request.requester().name(), "certificate.refused", "request", request.requester().name(),
                Map.of("names", String.join(",", request.names().stream().map(RequestedName::display).toList()),
                        "profile", request.profile(), "region", request.region(), "reason", e.detail())));
    }
}
