package online.hypermesh.trustchain.sinks.ldap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;

import online.hypermesh.trustchain.bridge.ldap.DirectoryPublisher;
import online.hypermesh.trustchain.bridge.ldap.LdapEndpoint;
import online.hypermesh.trustchain.sinks.delivery.EventSink;
import online.hypermesh.trustchain.sinks.delivery.PoisonEventException;
import online.hypermesh.trustchain.sinks.delivery.RefusedEventException;
import online.hypermesh.trustchain.sinks.outbox.OutboxEvent;

/**
 * Publishes to the enterprise directory from the outbox, so a directory outage never holds up
 * issuance: {@code certificate.issued} adds the certificate ({@code userCertificate;binary}) to the
 * entry of its account or subject, {@code certificate.revoked} removes exactly that value (and
 * {@code certificate.hold-released} adds it back), and
 * {@code authority.created} / {@code authority.rolled-over} add the CA certificate
 * ({@code cACertificate;binary}) to {@code cn=<authority id>,ou=cas,<base>}, and
 * {@code crl.signed} / {@code crl.delta-signed} replace the CRL ({@code certificateRevocationList;binary})
 * or delta CRL ({@code deltaRevocationList;binary}) on that same entry. Every other event renders
 * to nothing and is passed over.
 *
 * <p>A CRL event names the CRL by authority and number; the DER is read from the CA's tables,
 * which keep only the latest. An event whose CRL has been superseded renders to nothing: a later
 * event in the chain names the newer one (it committed with it), so after an outage the directory
 * gets each authority's current CRLs once rather than every CRL signed meanwhile. Each operation is idempotent, so a resend after a broken
 * connection leaves the directory as one delivery would.
 *
 * <p>A rendered event is one line {@code <op> <dn>} and the base64 DER on a second line.
 */
public final class LdapSink implements EventSink {
    public static final String NAME = "ldap";
    static final String ADD = "add-user-certificate";
    static final String REMOVE = "remove-user-certificate";
    static final String CA = "add-ca-certificate";
    static final String CRL = "replace-crl";
    static final String DELTA_CRL = "replace-delta-crl";
    private static final byte[] NOTHING = new byte[0];

    /** Whose entry a certificate goes to. */
    public enum EntryOf { ACCOUNT, SUBJECT }

    private final LdapEndpoint endpoint;
    private final DN base;
    private final EntryOf entryOf;
    private final PublishedObjects objects;
    private LDAPConnection connection;

    public LdapSink(LdapEndpoint endpoint, DN base, EntryOf entryOf, PublishedObjects objects) {
        this.endpoint = endpoint;
        this.base = base;
        this.entryOf = entryOf;
        this.objects = objects;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte[] render(OutboxEvent e) throws PoisonEventException {
        try {
            return switch (e.action()) {
                case "certificate.issued" -> certificate(ADD, e);
                case "certificate.revoked" -> certificate(REMOVE, e);
                // A hold (certificateHold) removed the value; its release makes the certificate valid again.
                case "certificate.hold-released" -> certificate(ADD, e);
                case "authority.created", "authority.rolled-over" -> authority(e);
                case "crl.signed" -> crl(CRL, e);
                case "crl.delta-signed" -> crl(DELTA_CRL, e);
                default -> NOTHING;
            };
        } catch (SQLException x) {
            // The database is away: not poison, the delivery retries from the same event.
            throw new IllegalStateException("cannot read what audit event " + e.seq() + " names: " + x.getMessage(), x);
        } catch (LDAPException x) {
            throw new PoisonEventException("no directory entry can be named for audit event " + e.seq() + ": " + x.getMessage(), x);
        }
    }

    private byte[] certificate(String op, OutboxEvent e) throws SQLException, LDAPException, PoisonEventException {
        if (e.objectId() == null) {
            throw new PoisonEventException(e.action() + " without a serial");
        }
        Optional<PublishedObjects.Issued> issued = objects.certificate(e.objectId());
        if (issued.isEmpty()) {
            return NOTHING; // a precertificate whose final certificate was never stored: nobody holds it
        }
        PublishedObjects.Issued c = issued.get();
        String name = entryOf == EntryOf.ACCOUNT ? c.account() : c.names().isEmpty() ? e.objectId() : c.names().get(0);
        if (name.isEmpty() || name.startsWith("system:")) {
            return NOTHING; // the CA's own listeners' certificates belong to no directory entry
        }
        DN dn = new DN(new RDN("cn", name), new DN(new RDN("ou", entryOf == EntryOf.ACCOUNT ? "accounts" : "subjects"), base));
        return rendered(op, dn, c.der());
    }

    private byte[] authority(OutboxEvent e) throws SQLException, LDAPException {
        if (e.objectId() == null) {
            return NOTHING;
        }
        Optional<byte[]> der = objects.authorityCertificate(e.objectId());
        if (der.isEmpty()) {
            return NOTHING;
        }
        return rendered(CA, authorityEntry(e.objectId()), der.get());
    }

    private byte[] crl(String op, OutboxEvent e) throws SQLException, LDAPException, PoisonEventException {
        long number;
        try {
            number = Long.parseLong(e.details().getOrDefault("number", ""));
        } catch (NumberFormatException x) {
            throw new PoisonEventException(e.action() + " without a CRL number", x);
        }
        if (e.objectId() == null) {
            throw new PoisonEventException(e.action() + " without an authority");
        }
        Optional<PublishedObjects.Crl> crl = objects.latestCrl(e.objectId(), op.equals(DELTA_CRL));
        if (crl.isEmpty() || crl.get().number() != number) {
            return NOTHING; // superseded: the event of the stored one comes later in the chain
        }
        return rendered(op, authorityEntry(e.objectId()), crl.get().der());
    }

    private DN authorityEntry(String authorityId) throws LDAPException {
        return new DN(new RDN("cn", authorityId), new DN(new RDN("ou", "cas"), base));
    }

    private static byte[] rendered(String op, DN dn, byte[] der) {
        return (op + " " + dn + "\n" + Base64.getEncoder().encodeToString(der)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean connect() throws IOException {
        if (connection != null && connection.isConnected()) {
            return false;
        }
        boolean replacing = connection != null;
        close();
        try {
            connection = endpoint.open();
        } catch (LDAPException | IllegalStateException e) {
            throw new IOException("cannot reach the directory " + endpoint.url() + ": " + e.getMessage(), e);
        }
        return replacing;
    }

    @Override
    public void send(List<byte[]> rendered) throws IOException {
        DirectoryPublisher publisher = new DirectoryPublisher(connection, base);
        for (int i = 0; i < rendered.size(); i++) {
            byte[] r = rendered.get(i);
            if (r.length == 0) {
                continue;
            }
            String text = new String(r, StandardCharsets.UTF_8);
            int space = text.indexOf(' ');
            int newline = text.indexOf('\n');
            String op = text.substring(0, space);
            byte[] der = Base64.getDecoder().decode(text.substring(newline + 1));
            try {
                DN dn = new DN(text.substring(space + 1, newline));
                switch (op) {
                    case ADD -> publisher.addUserCertificate(dn, der);
                    case REMOVE -> publisher.removeUserCertificate(dn, der);
                    case CA -> publisher.addCaCertificate(dn, der);
                    case CRL -> publisher.replaceCrl(dn, der);
                    case DELTA_CRL -> publisher.replaceDeltaCrl(dn, der);
                    default -> throw new IllegalStateException("unknown rendered operation " + op.toLowerCase(Locale.ROOT));
                }
            } catch (LDAPException e) {
                String what = op + " at " + text.substring(space + 1, newline);
                if (refusesForGood(e.getResultCode())) {
                    throw new RefusedEventException(i, "the directory refused " + what + " for good (" + e.getResultCode() + "): "
                            + e.getMessage(), e);
                }
                if (e.getResultCode() == ResultCode.SERVER_DOWN || e.getResultCode() == ResultCode.CONNECT_ERROR
                        || e.getResultCode() == ResultCode.TIMEOUT || e.getResultCode() == ResultCode.UNAVAILABLE || e.getResultCode() == ResultCode.BUSY) {
                    throw new IOException("the directory went away: " + e.getMessage(), e);
                }
                // Refused for a reason an operator can fix for every event alike (access rights, a missing suffix):
                // retried with backoff until fixed, never dropped.
                throw new IOException("the directory refused " + what + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Whether the directory refuses this one operation whatever happens (its content breaks the
     * schema or a constraint), so retrying would hold every later event up for nothing: the event
     * is parked instead. Refusals that concern every event (access, the suffix, the server) are not.
     */
    static boolean refusesForGood(ResultCode code) {
        return code == ResultCode.CONSTRAINT_VIOLATION || code == ResultCode.INVALID_ATTRIBUTE_SYNTAX
                || code == ResultCode.OBJECT_CLASS_VIOLATION || code == ResultCode.NAMING_VIOLATION
                || code == ResultCode.INVALID_DN_SYNTAX || code == ResultCode.NOT_ALLOWED_ON_RDN;
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
