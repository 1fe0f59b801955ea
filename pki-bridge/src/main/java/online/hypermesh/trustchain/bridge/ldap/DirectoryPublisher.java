package online.hypermesh.trustchain.bridge.ldap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;

/**
 * Publishes certificates and CRLs to a directory with the standard attributes of RFC 4523:
 * {@code userCertificate;binary} on a {@code pkiUser}, {@code cACertificate;binary},
 * {@code certificateRevocationList;binary} on a {@code pkiCA}, {@code deltaRevocationList;binary}
 * on a {@code deltaCRL}. Entries and their parents are created when missing (the structural class
 * follows the RDN: {@code ou} organizationalUnit, {@code o} organization, {@code dc} domain,
 * {@code cn} applicationProcess), below a base that must exist; an existing entry gains the
 * auxiliary class.
 *
 * <p>Each operation is idempotent, so a delivery that is repeated (at least once) leaves the
 * directory as one delivery would: adding a value that is there, or removing one that is not,
 * succeeds. Only the value of the certificate in question is removed on revocation; the entry's
 * other certificates stay.
 */
public final class DirectoryPublisher {
    static final String USER_CERTIFICATE = "userCertificate;binary";
    static final String CA_CERTIFICATE = "cACertificate;binary";
    static final String CRL = "certificateRevocationList;binary";
    static final String DELTA_CRL = "deltaRevocationList;binary";

    private final LDAPInterface ldap;
    private final DN base;

    /** @param base the subtree this publisher writes in; it must exist, and nothing outside it is touched */
    public DirectoryPublisher(LDAPInterface ldap, DN base) {
        this.ldap = Objects.requireNonNull(ldap, "ldap");
        this.base = Objects.requireNonNull(base, "base");
    }

    public void addUserCertificate(DN entry, byte[] der) throws LDAPException {
        ensure(entry, "pkiUser");
        addValue(entry, USER_CERTIFICATE, der);
    }

    /** Removes exactly this certificate's value; nothing happens if the entry or the value is gone already. */
    public void removeUserCertificate(DN entry, byte[] der) throws LDAPException {
        try {
            ldap.modify(entry.toString(), new Modification(ModificationType.DELETE, USER_CERTIFICATE, der));
        } catch (LDAPException e) {
            if (e.getResultCode() != ResultCode.NO_SUCH_OBJECT && e.getResultCode() != ResultCode.NO_SUCH_ATTRIBUTE) {
                throw e;
            }
        }
    }

    public void addCaCertificate(DN entry, byte[] der) throws LDAPException {
        ensure(entry, "pkiCA");
        addValue(entry, CA_CERTIFICATE, der);
    }

    /** The CA's current full CRL replaces the one before. */
    public void replaceCrl(DN entry, byte[] der) throws LDAPException {
        ensure(entry, "pkiCA");
        ldap.modify(entry.toString(), new Modification(ModificationType.REPLACE, CRL, der));
    }

    /** The CA's current delta CRL (RFC 5280 5.2.4) replaces the one before. */
    public void replaceDeltaCrl(DN entry, byte[] der) throws LDAPException {
        ensure(entry, "pkiCA", "deltaCRL");
        ldap.modify(entry.toString(), new Modification(ModificationType.REPLACE, DELTA_CRL, der));
    }

    private void addValue(DN entry, String attribute, byte[] value) throws LDAPException {
        try {
            ldap.modify(entry.toString(), new Modification(ModificationType.ADD, attribute, value));
        } catch (LDAPException e) {
            if (e.getResultCode() != ResultCode.ATTRIBUTE_OR_VALUE_EXISTS) {
                throw e;
            }
        }
    }

    /** The entry with these auxiliary classes, created (with its parents) or extended as needed. */
    void ensure(DN entry, String... auxiliary) throws LDAPException {
        if (!entry.isDescendantOf(base, false)) {
            throw new LDAPException(ResultCode.NAMING_VIOLATION, entry + " is not below the publishing base " + base);
        }
        Entry existing = ldap.getEntry(entry.toString(), "objectClass");
        if (existing == null) {
            create(entry, Arrays.asList(auxiliary));
            return;
        }
        for (String aux : auxiliary) {
            if (!existing.hasObjectClass(aux)) {
                addValue(entry, "objectClass", aux.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    private void create(DN entry, List<String> auxiliary) throws LDAPException {
        DN parent = entry.getParent();
        if (parent != null && !parent.equals(base) && ldap.getEntry(parent.toString(), "1.1") == null) {
            create(parent, List.of());
        }
        RDN rdn = entry.getRDN();
        String type = rdn.getAttributeNames()[0].toLowerCase(Locale.ROOT);
        String value = rdn.getAttributeValues()[0];
        List<String> classes = new ArrayList<>();
        classes.add("top");
        classes.add(switch (type) {
            case "ou" -> "organizationalUnit";
            case "o" -> "organization";
            case "dc" -> "domain";
            case "cn" -> "applicationProcess";
            default -> throw new LDAPException(ResultCode.NAMING_VIOLATION, "cannot create " + entry + ": an entry named by '" + type
                    + "' needs a class this publisher does not choose; create it in the directory first");
        });
        classes.addAll(auxiliary);
        Entry e = new Entry(entry);
        e.addAttribute(new Attribute("objectClass", classes));
        e.addAttribute(type, value);
        try {
            ldap.add(e);
        } catch (LDAPException x) {
            // Another delivery (another node) made it meanwhile: then extend it like an existing one.
            if (x.getResultCode() != ResultCode.ENTRY_ALREADY_EXISTS) {
                throw x;
            }
            ensure(entry, auxiliary.toArray(String[]::new));
        }
    }
}
