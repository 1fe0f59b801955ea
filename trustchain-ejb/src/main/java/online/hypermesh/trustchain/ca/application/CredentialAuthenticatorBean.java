package online.hypermesh.trustchain.ca.application;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.EJB;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.api.Authenticator;
import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.config.AccountSettings;
import online.hypermesh.trustchain.ca.domain.Account;
import online.hypermesh.trustchain.ca.domain.AccountRepository;
import online.hypermesh.trustchain.ca.domain.ApiTokenRepository;
import online.hypermesh.trustchain.ca.domain.CertificateRecord;
import online.hypermesh.trustchain.ca.domain.CertificateRepository;
import online.hypermesh.trustchain.ca.domain.ClientIdentityRepository;
import online.hypermesh.trustchain.ca.domain.ClientIdentityRepository.BoundAccount;
import online.hypermesh.trustchain.ca.domain.TrustAnchorRepository;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.policy.IpAllowlist;

/**
 * Authentication by bearer token or TLS client certificate: the one place a {@link Caller} is
 * made from a credential. A token is looked up by its SHA-256, a certificate by its serial in the
 * CA's own records and its URI SANs in the account's client-identity bindings (see
 * {@link ClientCertificateCheck}). A positive answer is remembered for {@link #CACHE_MILLIS}, so
 * issuance at high rates pays one query per credential per second, not one per request; a revoked
 * or expired token or certificate, a removed binding, or a disabled account therefore stops
 * working within that time on every node, and a changed allowlist applies within it.
 *
 * <p>A request from outside the account's allowlist is refused and audited; the audit events of
 * one account and address are at most one per {@link #REFUSAL_AUDIT_MILLIS}, each counting the
 * refusals suppressed since the previous one, so a misconfigured client hammering the API cannot
 * flood the audit trail (the count is in memory: a restart forgets the suppressed ones).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CredentialAuthenticatorBean implements Authenticator, BoundAccounts {
    static final long CACHE_MILLIS = 1_000;
    static final long REFUSAL_AUDIT_MILLIS = 60_000;
    private static final int MAX_TOKEN_LENGTH = 256;

    @Inject
    ApiTokenRepository tokens;

    @Inject
    CertificateRepository certificates;

    @Inject
    ClientIdentityRepository clientIdentities;

    @EJB
    OriginRefusals refusals;

    @Inject
    AccountRepository accounts;

    @Inject
    TrustAnchorRepository trustAnchors;

    /** The deployment's own names: an enterprise CA may not assert identifiers in them. */
    @Inject
    AccountSettings accountSettings;

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, Cached> certificateCache = new ConcurrentHashMap<>();
    private final Map<String, Refused> refused = new ConcurrentHashMap<>();

    private record Cached(Caller caller, IpAllowlist allowlist, long until) {
    }

    /** Refusals of one account and address not yet in an audit event, and when the last event was written. */
    private static final class Refused {
        long lastEventMillis = Long.MIN_VALUE;
        long pending;
    }

    @Override
    public Optional<Caller> authenticate(String bearerToken) {
        return lookup(bearerToken).map(Cached::caller);
    }

    @Override
    public Optional<Caller> authenticate(String bearerToken, String remoteAddress) {
        Optional<Cached> found = lookup(bearerToken);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(admitted(found.get(), remoteAddress));
    }

    @Override
    public Caller authenticate(X509Certificate clientCertificate, String remoteAddress) {
        String key;
        try {
            key = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(clientCertificate.getEncoded()));
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw ClientCertificateCheck.refused("it cannot be encoded");
        }
        long now = System.currentTimeMillis();
        Cached cached = certificateCache.get(key);
        if (cached == null || cached.until <= now) {
            certificateCache.remove(key);
            cached = lookupCertificate(clientCertificate, now);
            if (certificateCache.size() > 10_000) {
                certificateCache.clear(); // bounded, like the token cache
            }
            certificateCache.put(key, cached);
        }
        return admitted(cached, remoteAddress);
    }

    @Override
    public Caller authenticateHolder(X509Certificate clientCertificate, String remoteAddress) {
        try {
            return authenticate(clientCertificate, remoteAddress);
        } catch (TrustChainException e) {
            if (e.kind() != ErrorKind.UNAUTHORIZED) {
                throw e;
            }
        }
        // Not a bound credential: then the holder of a certificate this CA issued, renewing it, is the account it was
        // issued to. Read afresh each time (renewals are rare), so a revocation or a disabled account stops it at once.
        long now = System.currentTimeMillis();
        String serial = ClientCertificateCheck.serialHex(clientCertificate);
        CertificateRecord record = certificates.find(serial)
                .orElseThrow(() -> ClientCertificateCheck.refused("this CA has no record of serial " + serial));
        ClientCertificateCheck.requireIssuedAndValid(clientCertificate, record, Instant.ofEpochMilli(now));
        String requester = certificates.requesterOf(serial)
                .orElseThrow(() -> ClientCertificateCheck.refused("serial " + serial + " has no recorded requester"));
        Account account = accounts.find(requester).filter(Account::enabled)
                .orElseThrow(() -> ClientCertificateCheck.refused("it was issued to '" + requester + "', which is no enabled account"));
        return admitted(new Cached(caller(account.name(), account.roles()), allowlist(accounts.allowedNetworks(account.id())), now), remoteAddress);
    }

    private Cached lookupCertificate(X509Certificate certificate, long now) {
        String serial = ClientCertificateCheck.serialHex(certificate);
        Optional<CertificateRecord> found = certificates.find(serial);
        if (found.isEmpty() || !ClientCertificateCheck.isExactly(found.get(), certificate)) {
            Optional<Cached> enterprise = lookupEnterpriseCertificate(certificate, now);
            if (enterprise.isPresent()) {
                return enterprise.get();
            }
        }
        CertificateRecord record = found.orElseThrow(() -> ClientCertificateCheck.refused("this CA has no record of serial " + serial));
        ClientCertificateCheck.requireIssuedAndValid(certificate, record, Instant.ofEpochMilli(now));
        List<String> identifiers = ClientCertificateCheck.identifiers(certificate);
        BoundAccount bound = ClientCertificateCheck.requireOneAccount(clientIdentities.findLive(identifiers), record, identifiers);
        // Never cached past the certificate's own expiry.
        long until = Math.min(now + CACHE_MILLIS, record.notAfter().toEpochMilli());
        return new Cached(caller(bound.accountName(), bound.roles()), allowlist(bound.allowedNetworks()), until);
    }

    /**
     * A certificate of an enterprise CA imported as a trust anchor with purpose client-auth: it
     * must chain to an active such anchor through the anchor's own certificates (each signature
     * verified here, not only in the handshake), carry clientAuth, be valid now, and carry a URI
     * SAN bound to one enabled account since before its notBefore (the enterprise's records are
     * not ours, so its notBefore stands in for the issuance time), and none of its URIs in this
     * deployment's own namespace (so another CA cannot assert, say, the SPIFFE ID bound to one of
     * our administrators). The enterprise's revocation
     * status is not checked: deactivating the anchor ends all its certificates at once.
     * Empty if no active anchor issued it.
     */
    private Optional<Cached> lookupEnterpriseCertificate(X509Certificate certificate, long now) {
        for (TrustAnchorRepository.StoredAnchor anchor : trustAnchors.active(TrustAnchorRepository.CLIENT_AUTH)) {
            if (ClientCertificateCheck.anchorPath(anchor, certificate).isEmpty()) {
                continue;
            }
            Instant at = Instant.ofEpochMilli(now);
            ClientCertificateCheck.requireEnterpriseValid(certificate, anchor, at);
            List<String> identifiers = ClientCertificateCheck.identifiers(certificate);
            ClientCertificateCheck.requireOutsideOwnNamespace(identifiers, accountSettings.deploymentScopes());
            BoundAccount bound = ClientCertificateCheck.requireOneAccount(clientIdentities.findLive(identifiers),
                    certificate.getNotBefore().toInstant(), identifiers);
            long until = Math.min(now + CACHE_MILLIS, certificate.getNotAfter().getTime());
            return Optional.of(new Cached(caller(bound.accountName(), bound.roles()), allowlist(bound.allowedNetworks()), until));
        }
        return Optional.empty();
    }

    private Caller admitted(Cached c, String remoteAddress) {
        if (!c.allowlist.permits(remoteAddress)) {
            auditRefusal(c.caller.name(), remoteAddress);
            throw new TrustChainException(ErrorKind.FORBIDDEN, "account '" + c.caller.name() + "' may not call from " + remoteAddress
                    + "; its allowlist is " + c.allowlist + " (GET /api/v1/accounts/" + c.caller.name() + "/allowlist)");
        }
        return c.caller;
    }

    /** Read afresh each time: an ACME request is rarer than a token's, and a disabled account must stop at once. */
    @Override
    public Optional<Caller> callerOf(String accountName) {
        return accounts.find(accountName).filter(Account::enabled).map(a -> caller(a.name(), a.roles()));
    }

    private void auditRefusal(String account, String address) {
        long count;
        String key = account + " " + address;
        if (refused.size() > 10_000) {
            refused.clear(); // bounded; at worst an extra audit event
        }
        Refused r = refused.computeIfAbsent(key, k -> new Refused());
        long now = System.currentTimeMillis();
        synchronized (r) {
            r.pending++;
            if (r.lastEventMillis != Long.MIN_VALUE && now - r.lastEventMillis < REFUSAL_AUDIT_MILLIS) {
                return;
            }
            count = r.pending;
            r.pending = 0;
            r.lastEventMillis = now;
        }
        refusals.refused(account, address, count);
    }

    private Optional<Cached> lookup(String bearerToken) {
        if (bearerToken == null || bearerToken.isEmpty() || bearerToken.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        byte[] hash = TokenHash.of(bearerToken);
        String key = HexFormat.of().formatHex(hash);
        long now = System.currentTimeMillis();
        Cached cached = cache.get(key);
        if (cached != null && cached.until > now) {
            return Optional.of(cached);
        }
        Optional<Cached> found = tokens.findActiveByHash(hash, Instant.ofEpochMilli(now))
                .map(h -> new Cached(caller(h.accountName(), h.roles()), allowlist(h.allowedNetworks()), now + CACHE_MILLIS));
        if (found.isPresent()) {
            if (cache.size() > 10_000) {
                cache.clear(); // bounded: the cache is an optimisation, never a source of truth
            }
            cache.put(key, found.get());
        } else {
            cache.remove(key);
        }
        return found;
    }

    /** The stored prefixes were checked when they were set; one that no longer parses admits nothing rather than anything. */
    private static IpAllowlist allowlist(List<String> networks) {
        try {
            return IpAllowlist.of(networks);
        } catch (TrustChainException e) {
            return IpAllowlist.of(List.of("::/128"));
        }
    }

    private static Caller caller(String accountName, List<String> roleNames) {
        Set<Caller.Role> roles = EnumSet.noneOf(Caller.Role.class);
        for (String role : roleNames) {
            roles.add(Caller.Role.valueOf(role.toUpperCase(Locale.ROOT)));
        }
        return new Caller(accountName, roles);
    }
}
