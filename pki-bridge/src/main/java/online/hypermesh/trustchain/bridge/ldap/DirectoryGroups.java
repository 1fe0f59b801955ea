package online.hypermesh.trustchain.bridge.ldap;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.RDN;

/**
 * Who is in which directory group, as account names: the members of a group ({@code member} of a
 * groupOfNames, {@code uniqueMember} of a groupOfUniqueNames) whose DN's first RDN is
 * {@code <accountAttribute>=<account name>}, e.g. {@code uid=web-deployer,ou=people,dc=example,dc=org}
 * is account {@code web-deployer}. Members named otherwise are not accounts and are ignored; a group
 * that does not exist has no members (and says so in {@link Membership#missing}).
 */
public final class DirectoryGroups {
    private final LDAPInterface ldap;
    private final String accountAttribute;

    public DirectoryGroups(LDAPInterface ldap, String accountAttribute) {
        this.ldap = Objects.requireNonNull(ldap, "ldap");
        this.accountAttribute = accountAttribute.toLowerCase(Locale.ROOT);
    }

    /** @param members account names per group DN (as given); @param missing the groups the directory does not have */
    public record Membership(Map<String, Set<String>> members, Set<String> missing) {
    }

    public Membership read(List<String> groupDns) throws LDAPException {
        Map<String, Set<String>> members = new LinkedHashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (String group : groupDns) {
            Entry entry = ldap.getEntry(group, "member", "uniqueMember");
            Set<String> accounts = new LinkedHashSet<>();
            if (entry == null) {
                missing.add(group);
            } else {
                for (String attribute : List.of("member", "uniqueMember")) {
                    String[] values = entry.getAttributeValues(attribute);
                    if (values != null) {
                        for (String v : values) {
                            account(v).ifPresent(accounts::add);
                        }
                    }
                }
            }
            members.put(group, accounts);
        }
        return new Membership(members, missing);
    }

    private java.util.Optional<String> account(String memberDn) {
        try {
            // uniqueMember may carry an optional "#'0101'B" UID suffix (RFC 4517 3.3.21).
            String dn = memberDn.contains("#") ? memberDn.substring(0, memberDn.lastIndexOf('#')) : memberDn;
            RDN rdn = new DN(dn).getRDN();
            if (rdn == null) {
                return java.util.Optional.empty();
            }
            String[] names = rdn.getAttributeNames();
            String[] values = rdn.getAttributeValues();
            for (int i = 0; i < names.length; i++) {
                if (names[i].toLowerCase(Locale.ROOT).equals(accountAttribute)) {
                    return java.util.Optional.of(values[i]);
                }
            }
            return java.util.Optional.empty();
        } catch (LDAPException e) {
            return java.util.Optional.empty();
        }
    }
}
