package online.hypermesh.trustchain.ca.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.config.AccountSettings;
import online.hypermesh.trustchain.ca.domain.Account;
import online.hypermesh.trustchain.ca.domain.AccountRepository;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.ca.domain.ClientIdentityRepository;
import online.hypermesh.trustchain.core.caa.CaaAnswer;
import online.hypermesh.trustchain.core.caa.CaaProperty;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.policy.Authorization;
import online.hypermesh.trustchain.core.policy.NameScope;
import online.hypermesh.trustchain.core.policy.RequestedName;
import online.hypermesh.trustchain.core.x509.PermittedSubtrees;

class RegistrationAuthorityTest {
    private final Map<String, Account> stored = new HashMap<>();
    private final List<AuditEvent> audited = new ArrayList<>();
    private final RegistrationAuthority ra = new RegistrationAuthority();
    /** Live client-identity bindings: identifier to account. */
    private final Map<String, String> clientIdentities = new HashMap<>();

    /** The zone's CAA records by name; the apex names this CA, as the mesh zone does by default. */
    private final Map<String, List<CaaProperty>> caa = new HashMap<>(Map.of("hypermesh.online",
            List.of(new CaaProperty(0, "issue", "trust.hypermesh.online"))));

    RegistrationAuthorityTest() {
        ra.caaRecords = domain -> domain.endsWith("hypermesh.online")
                ? new CaaAnswer.Records(caa.getOrDefault(domain, List.of()))
                : new CaaAnswer.Failure("no resolver for " + domain, false);
        ra.settings = new AccountSettings(List.of(NameScope.dns("hypermesh.online", true, true)),
                List.of(NameScope.dns("blocked.hypermesh.online", true, true)), List.of("trust.hypermesh.online", "ns1.hypermesh.online"), 1000,
                List.of("trust.hypermesh.online"), PermittedSubtrees.none(), java.time.Duration.ofMinutes(15));
        ra.audit = new AuditTrail() {
            @Override
            public void record(AuditEvent event) {
                audited.add(event);
            }

            @Override
            public void recordAll(List<AuditEvent> events) {
                audited.addAll(events);
            }
        };
        ra.accounts = new AccountRepository() {
            @Override
            public Account create(String name, List<String> roles, Authorization a, boolean pending, Instant now) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<Account> find(String name) {
                return Optional.ofNullable(stored.get(name));
            }

            @Override
            public Optional<Account> lock(String name) {
                return find(name);
            }

            @Override
            public List<Account> list() {
                return List.copyOf(stored.values());
            }

            @Override
            public void update(Account account) {
                stored.put(account.name(), account);
            }

            @Override
            public List<Account> withDefaultScopesPending() {
                return List.of();
            }

            @Override
            public List<String> allowedNetworks(long accountId) {
                return List.of();
            }

            @Override
            public void setAllowedNetworks(long accountId, List<String> networks, Instant now) {
                throw new UnsupportedOperationException();
            }
        };
        ra.clientIdentities = new ClientIdentityRepository() {
            @Override
            public List<BoundAccount> findLive(java.util.Collection<String> identifiers) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<String, String> owners(java.util.Collection<String> identifiers) {
                Map<String, String> out = new HashMap<>();
                identifiers.stream().filter(clientIdentities::containsKey).forEach(i -> out.put(i, clientIdentities.get(i)));
                return out;
            }

            @Override
            public BoundIdentity add(long accountId, String identifier, Instant createdAt, String createdBy) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<BoundIdentity> list(long accountId) {
                return List.of();
            }

            @Override
            public Optional<BoundIdentity> find(long accountId, long bindingId) {
                return Optional.empty();
            }

            @Override
            public boolean remove(long bindingId, Instant at, String by) {
                return false;
            }
        };
        account("payments", true, new Authorization(List.of(NameScope.dns("payments.hypermesh.online", true, false),
                NameScope.dns("blocked.hypermesh.online", true, false), NameScope.ip("2001:db8:1::/48"),
                NameScope.uri("spiffe://hypermesh.online/payments/")), Set.of("server"), Set.of("eu-west-1"), 24));
        account("ca-operator", true, new Authorization(List.of(NameScope.dns("hypermesh.online", true, true),
                NameScope.dns("trust.hypermesh.online", false, false)), Set.of("*"), Set.of("*"), null));
        account("off", false, new Authorization(List.of(NameScope.dns("hypermesh.online", true, true)), Set.of("*"), Set.of("*"), null));
    }

    private void account(String name, boolean enabled, Authorization a) {
        stored.put(name, new Account(stored.size() + 1, name, List.of("issuer"), a, enabled, false, Instant.EPOCH, Instant.EPOCH));
    }

    private static IssuanceRequest request(String account, String profile, String region, int hours, RequestedName... names) {
        return new IssuanceRequest(List.of(names), profile, Duration.ofHours(hours), region, new Caller(account, Caller.Role.ISSUER),
                IssuanceRequest.Validation.ACCOUNT_SCOPE);
    }

    private String refusal(IssuanceRequest r, ErrorKind kind) {
        TrustChainException e = assertThrows(TrustChainException.class, () -> ra.approve(r));
        assertEquals(kind, e.kind(), e.detail());
        assertEquals("certificate.refused", audited.get(audited.size() - 1).action(), "a refusal is audited");
        return e.detail();
    }

    @Test
    void approves_namesWithinTheScopes() {
        ra.approve(request("payments", "server", "eu-west-1", 24, RequestedName.dns("api.payments.hypermesh.online"),
                RequestedName.ip("2001:db8:1::5")));
        assertTrue(audited.isEmpty());
    }

    @Test
    void refuses_aNameOutsideTheScopes_namingIt() {
        String detail = refusal(request("payments", "server", "eu-west-1", 24, RequestedName.dns("api.payments.hypermesh.online"),
                RequestedName.dns("example.com")), ErrorKind.FORBIDDEN);
        assertTrue(detail.contains("'example.com' is outside the scopes of account 'payments'"), detail);
        assertTrue(refusal(request("payments", "server", "eu-west-1", 24, RequestedName.dns("evilpayments.hypermesh.online")),
                ErrorKind.FORBIDDEN).contains("outside"));
        assertTrue(refusal(request("payments", "server", "eu-west-1", 24, RequestedName.ip("2001:db8:2::1")), ErrorKind.FORBIDDEN)
                .contains("outside"));
    }

    @Test
    void anotherAccountsClientIdentity_isRefused_butItsOwnAndAnAdministratorsAreNot() {
        clientIdentities.put("spiffe://hypermesh.online/payments/ops", "ops");
        clientIdentities.put("spiffe://hypermesh.online/payments/api", "payments");
        String detail = refusal(request("payments", "server", "eu-west-1", 24, RequestedName.uri("spiffe://hypermesh.online/payments/ops")),
                ErrorKind.FORBIDDEN);
        assertTrue(detail.contains("'spiffe://hypermesh.online/payments/ops' is the client identity of account 'ops'"), detail);
        ra.approve(request("payments", "server", "eu-west-1", 24, RequestedName.uri("spiffe://hypermesh.online/payments/api")));
        ra.approve(request("payments", "server", "eu-west-1", 24, RequestedName.uri("spiffe://hypermesh.online/payments/web")));
        stored.put("root", new Account(99, "root", List.of("admin", "issuer"), new Authorization(List.of(
                NameScope.uri("spiffe://hypermesh.online/")), Set.of("*"), Set.of("*"), null), true, false, Instant.EPOCH, Instant.EPOCH));
        ra.approve(new IssuanceRequest(List.of(RequestedName.uri("spiffe://hypermesh.online/payments/ops")), "client", Duration.ofHours(24),
                "eu-west-1", new Caller("root", Set.of(Caller.Role.ADMIN, Caller.Role.ISSUER)), IssuanceRequest.Validation.ACCOUNT_SCOPE));
    }

    @Test
    void refuses_aNameWhoseCaaNamesAnotherCa() {
        caa.put("legacy.payments.hypermesh.online", List.of(new CaaProperty(0, "issue", "letsencrypt.org")));
        String detail = refusal(request("payments", "server", "eu-west-1", 24, RequestedName.dns("www.legacy.payments.hypermesh.online")),
                ErrorKind.FORBIDDEN);
        assertTrue(detail.contains("CAA forbids issuing for 'www.legacy.payments.hypermesh.online'"), detail);
        assertTrue(detail.contains("legacy.payments.hypermesh.online") && detail.contains("letsencrypt.org"), detail);
        ra.approve(request("payments", "server", "eu-west-1", 24, RequestedName.dns("api.payments.hypermesh.online")));
    }

    @Test
    void refuses_aCriticalCaaPropertyItDoesNotKnow() {
        caa.put("payments.hypermesh.online", List.of(new CaaProperty(0, "issue", "trust.hypermesh.online"),
                new CaaProperty(128, "tbs", "Unknown")));
        assertTrue(refusal(request("payments", "server", "eu-west-1", 24, RequestedName.dns("payments.hypermesh.online")),
                ErrorKind.FORBIDDEN).contains("critical"));
    }

    @Test
    void caa_issuewildGovernsWildcards() {
        caa.put("hypermesh.online", List.of(new CaaProperty(0, "issue", "trust.hypermesh.online"), new CaaProperty(0, "issuewild", ";")));
        ra.approve(request("ca-operator", "server", "eu-west-1", 24, RequestedName.dns("web.hypermesh.online")));
        assertTrue(refusal(request("ca-operator", "server", "eu-west-1", 24, RequestedName.dns("*.web.hypermesh.online")),
                ErrorKind.FORBIDDEN).contains("'issuewild'"));
    }

    @Test
    void caa_aLookupThatCannotSucceedRefuses_andOneThatMayIsUnavailable() {
        account("anywhere", true, new Authorization(List.of(NameScope.dns("example.com", true, false)), Set.of("*"), Set.of("*"), null));
        assertTrue(refusal(request("anywhere", "server", "eu-west-1", 24, RequestedName.dns("example.com")), ErrorKind.FORBIDDEN)
                .contains("could not be checked"));
        ra.caaRecords = domain -> new CaaAnswer.Failure("SERVFAIL", true);
        TrustChainException e = assertThrows(TrustChainException.class,
                () -> ra.approve(request("anywhere", "server", "eu-west-1", 24, RequestedName.dns("example.com"))));
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
    }

    @Test
    void refuses_profileRegionAndValidityTheAccountLacks() {
        assertTrue(refusal(request("payments", "client", "eu-west-1", 24, RequestedName.dns("payments.hypermesh.online")),
                ErrorKind.FORBIDDEN).contains("profile 'client'"));
        assertTrue(refusal(request("payments", "server", "us-east-1", 24, RequestedName.dns("payments.hypermesh.online")),
                ErrorKind.FORBIDDEN).contains("region 'us-east-1'"));
        assertTrue(refusal(request("payments", "server", "eu-west-1", 25, RequestedName.dns("payments.hypermesh.online")),
                ErrorKind.POLICY_VIOLATION).contains("at most 24 hours"));
    }

    @Test
    void refuses_blockedNames_evenWithinAScope() {
        assertTrue(refusal(request("payments", "server", "eu-west-1", 1, RequestedName.dns("x.blocked.hypermesh.online")),
                ErrorKind.FORBIDDEN).contains("never issues for"));
    }

    @Test
    void theCasOwnNames_needAnExactScope() {
        String detail = refusal(request("payments", "server", "eu-west-1", 1, RequestedName.dns("trust.hypermesh.online")), ErrorKind.FORBIDDEN);
        assertTrue(detail.contains("a name of the CA itself"), detail);
        refusal(request("off", "server", "eu-west-1", 1, RequestedName.dns("web.hypermesh.online")), ErrorKind.FORBIDDEN);
        // A whole-zone scope does not reach the CA's names, nor does a wildcard over them...
        refusal(request("ca-operator", "server", "eu-west-1", 1, RequestedName.dns("ns1.hypermesh.online")), ErrorKind.FORBIDDEN);
        refusal(request("ca-operator", "server", "eu-west-1", 1, RequestedName.dns("*.hypermesh.online")), ErrorKind.FORBIDDEN);
        // ...an exact scope does.
        ra.approve(request("ca-operator", "server", "eu-west-1", 1, RequestedName.dns("trust.hypermesh.online")));
    }

    @Test
    void unknownAccounts_andForgedSystemIdentities_areRefused() {
        refusal(request("nobody", "server", "eu-west-1", 1, RequestedName.dns("web.hypermesh.online")), ErrorKind.FORBIDDEN);
        TrustChainException e = assertThrows(TrustChainException.class, () -> ra.approve(new IssuanceRequest(
                List.of(RequestedName.dns("example.com")), "server", Duration.ofHours(1), "eu-west-1",
                new Caller("payments", Caller.Role.ISSUER), IssuanceRequest.Validation.SYSTEM_IDENTITY)));
        assertEquals(ErrorKind.FORBIDDEN, e.kind());
        ra.approve(new IssuanceRequest(List.of(RequestedName.dns("localhost")), "server", Duration.ofHours(1), "eu-west-1",
                SystemIdentities.TLS_LISTENER, IssuanceRequest.Validation.SYSTEM_IDENTITY));
    }
}
