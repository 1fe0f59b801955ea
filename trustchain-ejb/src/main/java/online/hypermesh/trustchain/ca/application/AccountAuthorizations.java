package online.hypermesh.trustchain.ca.application;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import online.hypermesh.trustchain.ca.api.ScopeView;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.policy.Authorization;
import online.hypermesh.trustchain.core.policy.NameScope;
import online.hypermesh.trustchain.core.x509.CertificateProfile;

/** Turns the API's scope, profile and region lists into an {@link Authorization}, refusing what is not one. */
final class AccountAuthorizations {
    static final int MAX_SCOPES = 256;

    private AccountAuthorizations() {
    }

    static List<NameScope> scopes(List<ScopeView> views) {
        if (views.size() > MAX_SCOPES) {
            throw TrustChainException.malformed("an account has at most " + MAX_SCOPES + " scopes, got " + views.size());
        }
        List<NameScope> out = new ArrayList<>();
        for (ScopeView v : views) {
            String type = v.type() == null ? "" : v.type().toLowerCase(Locale.ROOT);
            NameScope scope = switch (type) {
                case "dns" -> NameScope.dns(v.value(), v.subdomains(), v.wildcard());
                case "ip" -> flagless(v, NameScope.ip(v.value()));
                case "uri" -> flagless(v, NameScope.uri(v.value()));
                default -> throw TrustChainException.malformed("scope type '" + v.type() + "' is not one of dns, ip, uri");
            };
            out.add(scope);
        }
        return out;
    }

    private static NameScope flagless(ScopeView v, NameScope scope) {
        if (v.subdomains() || v.wildcard()) {
            throw TrustChainException.malformed("\"subdomains\" and \"wildcard\" apply to dns scopes only, not to " + v.type() + " '" + v.value() + "'");
        }
        return scope;
    }

    static ScopeView view(NameScope scope) {
        return scope instanceof NameScope.Dns d ? new ScopeView("dns", d.value(), d.subdomains(), d.wildcard())
                : new ScopeView(scope.type(), scope.value(), false, false);
    }

    static Set<String> profiles(List<String> names) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : names) {
            if (n == null || n.isBlank()) {
                throw TrustChainException.malformed("a profile name is empty; use one of " + profileNames() + " or \"*\"");
            }
            if (Authorization.ANY.equals(n)) {
                out.add(n);
                continue;
            }
            try {
                out.add(CertificateProfile.fromApiName(n).apiName());
            } catch (TrustChainException e) {
                throw TrustChainException.malformed("profile '" + n + "' is not one of " + profileNames() + " or \"*\"");
            }
        }
        return out;
    }

    static Set<String> regions(List<String> names, List<String> known) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : names) {
            if (!Authorization.ANY.equals(n) && !known.contains(n)) {
                throw TrustChainException.malformed("region '" + n + "' is not one of this deployment's regions " + known + " or \"*\"");
            }
            out.add(n);
        }
        return out;
    }

    static void requireValidity(Integer hours) {
        if (hours != null && (hours < 1 || hours > 24 * 398)) {
            throw TrustChainException.malformed("max_validity_hours must be 1 to " + 24 * 398 + " (398 days), was " + hours);
        }
    }

    private static List<String> profileNames() {
        return Arrays.stream(CertificateProfile.values()).map(CertificateProfile::apiName).toList();
    }
}
