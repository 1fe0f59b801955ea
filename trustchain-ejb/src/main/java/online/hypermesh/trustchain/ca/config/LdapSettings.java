package online.hypermesh.trustchain.ca.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import online.hypermesh.trustchain.core.policy.NameScope;

/**
 * The enterprise directory (LDAP), off by default: where it is and how TrustChain binds to it, and
 * the group mapping through which directory groups grant accounts the names they may have
 * ("members of cn=web-admins may have *.web.hypermesh.online") and roles ("members of
 * cn=pki-auditors are auditors"), refreshed on a schedule and on demand.
 *
 * @param groups what each group DN grants, in the order given
 */
public record LdapSettings(Optional<URI> url, Optional<String> bindDn, Optional<Path> bindPasswordFile, Optional<Path> trustFile,
                           boolean startTls, Map<String, Grant> groups, String accountAttribute, Duration syncInterval,
                           Optional<String> publishBase, String publishEntry) {

    /** The roles a group may grant. Not emergency: that credential stands alone, kept offline, never a directory's to give. */
    static final List<String> GRANTABLE_ROLES = List.of("admin", "officer", "issuer", "auditor");

    /** What one group grants its members: scopes, roles (lower-case names), or both. */
    public record Grant(List<NameScope> scopes, List<String> roles) {
        public Grant {
            scopes = List.copyOf(scopes);
            roles = List.copyOf(roles);
        }
    }

    public static final Setting<URI> URL = Setting.of("trustchain.ldap.url", "ldap://host:port or ldaps://host:port", null, "none (no directory)",
            "the enterprise directory; none: no directory is used", LdapSettings::url);
    public static final Setting<String> BIND_DN = Setting.text("trustchain.ldap.bind.dn", null,
            "with a directory: the DN TrustChain binds as (none: anonymous)");
    public static final Setting<Path> BIND_PASSWORD_FILE = Setting.of("trustchain.ldap.bind.password.file", "path", null, "none",
            "with a bind DN: the file holding its password (never logged)", t -> Path.of(t).toAbsolutePath());
    public static final Setting<Path> TRUST_FILE = Setting.of("trustchain.ldap.trust.file", "path", null, "none",
            "with ldaps:// or StartTLS: PEM file of the CA certificates the directory's TLS certificate must chain to",
            t -> Path.of(t).toAbsolutePath());
    public static final Setting<Boolean> STARTTLS = Setting.flag("trustchain.ldap.starttls", false,
            "with ldap://: upgrade each connection with StartTLS (RFC 4513) before binding, and refuse a directory that does not");
    public static final Setting<Map<String, Grant>> GROUPS = Setting.of("trustchain.ldap.groups",
            "list of <group DN> => <scopes and roles>, separated by semicolons", Map.of(), "none",
            "directory groups whose member accounts get these scopes (dns:<name> with the names below it, ip:<prefix>, uri:<prefix>)"
                    + " and roles (role:admin, role:officer, role:issuer, role:auditor), e.g. cn=web-admins,ou=groups,dc=example,dc=org"
                    + " => dns:web.hypermesh.online; cn=pki-auditors,ou=groups,dc=example,dc=org => role:auditor", LdapSettings::groups);
    public static final Setting<String> ACCOUNT_ATTRIBUTE = Setting.text("trustchain.ldap.account.attribute", "uid",
            "the RDN attribute of a group member's DN that names its TrustChain account (uid=web-deployer,... is account web-deployer)");
    public static final Setting<Integer> SYNC_MINUTES = Setting.integer("trustchain.ldap.sync.minutes", 5, 1, 1440,
            "how often the group mapping is read from the directory (also on demand: POST /api/v1/directory/sync)");

    public static final Setting<String> PUBLISH_BASE = Setting.text("trustchain.ldap.publish.base", null,
            "with a directory: the subtree (it must exist) that issued certificates and CA certificates are published below,"
                    + " through the outbox; none: nothing is published");
    public static final Setting<String> PUBLISH_ENTRY = Setting.choice("trustchain.ldap.publish.entry", "account", List.of("account", "subject"),
            "whose entry a certificate goes to: account (cn=<account>,ou=accounts,<base>) or subject (cn=<first name or CN>,ou=subjects,<base>)");

    public LdapSettings {
        groups = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(groups)); // in the order given, as documented
    }

    public boolean enabled() {
        return url.isPresent();
    }

    static LdapSettings read(Settings s) {
        Optional<URI> url = s.find(URL);
        Optional<String> bindDn = s.find(BIND_DN);
        Optional<Path> password = s.find(BIND_PASSWORD_FILE);
        if (bindDn.isPresent() && password.isEmpty()) {
            s.reject(BIND_PASSWORD_FILE, "is not set, and " + BIND_DN.name() + " needs it");
        }
        boolean startTls = s.get(STARTTLS);
        if (startTls && url.isPresent() && "ldaps".equals(url.get().getScheme())) {
            s.reject(STARTTLS, "is true, and " + URL.name() + " is ldaps:// (TLS from the start); StartTLS is for ldap://");
        } else if (startTls && url.isEmpty()) {
            s.reject(URL, "is not set, and " + STARTTLS.name() + " needs a directory");
        }
        Map<String, Grant> groups = s.get(GROUPS);
        if (!groups.isEmpty() && url.isEmpty()) {
            s.reject(URL, "is not set, and " + GROUPS.name() + " needs a directory");
        }
        Optional<String> publishBase = s.find(PUBLISH_BASE);
        if (publishBase.isPresent() && url.isEmpty()) {
            s.reject(URL, "is not set, and " + PUBLISH_BASE.name() + " needs a directory");
        }
        return new LdapSettings(url, bindDn, password, s.find(TRUST_FILE), startTls, groups, s.get(ACCOUNT_ATTRIBUTE), Duration.ofMinutes(s.get(SYNC_MINUTES)),
                publishBase, s.get(PUBLISH_ENTRY));
    }

    /** How to reach the directory (the bind password read from its file at each connection). */
    public online.hypermesh.trustchain.bridge.ldap.LdapEndpoint endpoint() {
        return new online.hypermesh.trustchain.bridge.ldap.LdapEndpoint(url.orElseThrow(), bindDn, () -> {
            Path file = bindPasswordFile.orElseThrow();
            try {
                return java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8).strip();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot read " + BIND_PASSWORD_FILE.name() + " " + file + ": " + e.getMessage(), e);
            }
        }, trustFile, startTls);
    }

    static URI url(String text) {
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a URL: " + e.getMessage());
        }
        if (!("ldap".equals(uri.getScheme()) || "ldaps".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("must be ldap://host[:port] or ldaps://host[:port], was '" + text + "'");
        }
        return uri;
    }

    static Map<String, Grant> groups(String text) {
        Map<String, Grant> out = new LinkedHashMap<>();
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int arrow = entry.indexOf("=>");
            if (arrow <= 0) {
                throw new IllegalArgumentException("has '" + entry.trim() + "'; write <group DN> => <scopes and roles>");
            }
            String group = entry.substring(0, arrow).trim();
            List<String> roles = new ArrayList<>();
            List<String> scopeItems = new ArrayList<>();
            for (String item : Values.list(entry.substring(arrow + 2), e -> e)) {
                if (item.toLowerCase(Locale.ROOT).startsWith("role:")) {
                    String role = item.substring("role:".length()).trim().toLowerCase(Locale.ROOT);
                    if (!GRANTABLE_ROLES.contains(role)) {
                        throw new IllegalArgumentException("has '" + item + "' for group '" + group + "'; a group may grant role:"
                                + String.join(", role:", GRANTABLE_ROLES) + " (emergency stands alone, given by an administrator)");
                    }
                    roles.add(role);
                } else {
                    scopeItems.add(item);
                }
            }
            List<NameScope> scopes = AccountSettings.scopes(String.join(",", scopeItems));
            if (scopes.isEmpty() && roles.isEmpty()) {
                throw new IllegalArgumentException("gives group '" + group + "' no scopes and no roles");
            }
            out.merge(group, new Grant(scopes, roles), (a, b) -> new Grant(union(a.scopes(), b.scopes()), union(a.roles(), b.roles())));
        }
        return out;
    }

    private static <T> List<T> union(List<T> a, List<T> b) {
        java.util.LinkedHashSet<T> both = new java.util.LinkedHashSet<>(a);
        both.addAll(b);
        return List.copyOf(both);
    }

    @Override
    public String toString() {
        return "LdapSettings[url=" + url + ", startTls=" + startTls + ", bindDn=" + bindDn + ", bindPasswordFile=" + bindPasswordFile + ", groups=" + groups.keySet()
                + ", publishBase=" + publishBase + ", publishEntry=" + publishEntry + "]";
    }
}
