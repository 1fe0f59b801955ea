package online.hypermesh.trustchain.sinks.cef;

import java.util.LinkedHashMap;
import java.util.Map;

import online.hypermesh.trustchain.sinks.outbox.OutboxEvent;

/**
 * How each audit event type becomes a CEF event: its signature ID, name and severity (0-10), and
 * the extension fields every event carries. README.md's "Sending the audit trail to a SIEM"
 * publishes this table; {@code CefMappingTest} checks the two agree. An action not listed here
 * (a new one) keeps its action as signature ID and name, with severity 5, so it is never dropped.
 */
public final class CefMapping {
    public static final String VENDOR = "Hypermesh";
    public static final String PRODUCT = "TrustChain";

    /** One row of the table. */
    public record Type(String action, String signatureId, String name, int severity) {
    }

    private static final Map<String, Type> TYPES = new LinkedHashMap<>();

    static {
        type("certificate.issued", "100", "Certificate issued", 3);
        type("certificate.renewed", "101", "Certificate renewed", 3);
        type("certificate.refused", "102", "Certificate request refused", 5);
        type("certificate.revoked", "103", "Certificate revoked", 6);
        type("certificate.hold-released", "104", "Certificate hold released", 5);
        type("certificates.expired", "105", "Certificates expired", 1);
        type("ocsp-responder.issued", "106", "OCSP responder certificate issued", 3);
        type("request.refused.origin", "107", "Request refused for its origin", 5);
        type("scep-ra.issued", "108", "SCEP RA certificate issued", 3);
        type("certificate.delegation_refused", "120", "Delegated request refused by the external CA", 5);
        type("certificate.delegation_incomplete", "121", "Delegated issuance incomplete", 7);
        type("authority.created", "200", "Certificate authority created", 7);
        type("authority.rolled-over", "201", "CA key rolled over", 7);
        type("authority.revoked", "202", "Certificate authority revoked", 10);
        type("authority.issuance-stopped", "203", "Issuance stopped for a CA", 9);
        type("issuance.disabled", "204", "Issuance switched off", 9);
        type("issuance.enabled", "205", "Issuance switched on", 7);
        type("approval.requested", "206", "Four-eyes approval requested", 5);
        type("approval.approved", "207", "Four-eyes approval granted and carried out", 6);
        type("approval.refused", "208", "Four-eyes approval refused", 5);
        type("approval.failed", "209", "Approved action failed", 6);
        type("account.created", "300", "Account created", 5);
        type("account.changed", "301", "Account changed", 5);
        type("account.allowlist.changed", "302", "Account allowlist changed", 5);
        type("token.created", "303", "API token created", 5);
        type("token.revoked", "304", "API token revoked", 5);
        type("client_identity.bound", "305", "Client identity bound", 5);
        type("client_identity.removed", "306", "Client identity removed", 5);
        type("account.directory-scopes", "307", "Account scopes from the directory", 5);
        type("account.directory-roles", "308", "Account roles from the directory", 6);
        type("console.signed-in", "309", "Console sign-in", 3);
        type("console.sign-in.refused", "310", "Console sign-in refused", 6);
        type("acme.account.created", "400", "ACME account created", 3);
        type("acme.account.deactivated", "401", "ACME account deactivated", 3);
        type("acme.account.key-changed", "402", "ACME account key changed", 5);
        type("acme.challenge.validated", "403", "ACME challenge validated", 3);
        type("acme.eab.created", "404", "ACME external account binding created", 5);
        type("acme.order.valid", "405", "ACME order valid", 3);
        type("acme.order.interrupted", "420", "ACME order finalization interrupted", 5);
        type("cmp.secret.created", "406", "CMP shared secret created", 5);
        type("cmp.certificate.issued", "407", "CMP certificate issued", 3);
        type("cmp.certificate.confirmed", "408", "CMP certificate confirmed", 3);
        type("cmp.certificate.rejected", "409", "CMP certificate rejected by the client", 5);
        type("cmp.certificate.unconfirmed", "410", "CMP certificate never confirmed", 5);
        type("cmp.request.refused", "411", "CMP request refused", 5);
        type("cmp.protection-certificate.issued", "421", "CMP protection certificate issued", 5);
        type("scep.challenge.created", "412", "SCEP challenge password created", 5);
        type("scep.enrolled", "413", "SCEP certificate enrolled", 3);
        type("scep.renewed", "414", "SCEP certificate renewed", 3);
        type("scep.refused", "415", "SCEP request refused", 5);
        type("ct.root.added", "500", "CT log accepted root added", 7);
        type("dns.records.replaced", "600", "Mesh DNS records replaced", 5);
        type("dns.records.deleted", "601", "Mesh DNS records deleted", 5);
        type("dns.update-key.created", "602", "DNS update key created", 5);
        type("dns.update.applied", "603", "DNS dynamic update applied", 3);
        type("dns.update.refused", "604", "DNS dynamic update refused", 5);
        type("dns.update.expired", "605", "DNS challenge records expired", 1);
        type("crl.signed", "700", "CRL signed", 1);
        type("crl.delta-signed", "701", "Delta CRL signed", 1);
        type("trust_anchor.imported", "800", "Trust anchor imported", 7);
        type("trust_anchor.deactivated", "801", "Trust anchor deactivated", 7);
        type("cross_certificate.issued", "802", "Cross certificate issued by the root", 8);
        type("cross_certificate.requested", "803", "Cross-certification request signed by the root", 7);
        type("cross_certificate.imported", "804", "Cross certificate for the root imported", 7);
    }

    private static void type(String action, String id, String name, int severity) {
        TYPES.put(action, new Type(action, id, name, severity));
    }

    private final String version;

    /** @param version the product version in the CEF header */
    public CefMapping(String version) {
        this.version = version;
    }

    /** Every mapped type, in table order. */
    public static Iterable<Type> types() {
        return TYPES.values();
    }

    public static Type typeOf(String action) {
        Type t = TYPES.get(action);
        return t != null ? t : new Type(action, action, action, 5);
    }

    /** The CEF line of an event. */
    public String line(OutboxEvent e) {
        Type t = typeOf(e.action());
        return Cef.line(VENDOR, PRODUCT, version, t.signatureId(), t.name(), t.severity(), extension(e));
    }

    /**
     * The extension fields: {@code rt} (event time, ms since the epoch), {@code dvchost} (node),
     * {@code suser} (actor), {@code act} (action), {@code externalId} (chain position),
     * {@code cs1} (idempotency key: the chain hash, hex), {@code cs2} (object type), {@code cs3}
     * (object id, when there is one), {@code cn1} (event id), each custom field with its label;
     * then each detail as {@code ad.<key>} (the key in camel case).
     */
    static Map<String, String> extension(OutboxEvent e) {
        Map<String, String> ext = new LinkedHashMap<>();
        ext.put("rt", Long.toString(e.occurredAt().toEpochMilli()));
        ext.put("dvchost", e.node());
        ext.put("suser", e.actor());
        ext.put("act", e.action());
        ext.put("externalId", Long.toString(e.seq()));
        ext.put("cs1Label", "idempotencyKey");
        ext.put("cs1", e.idempotencyKey());
        ext.put("cs2Label", "objectType");
        ext.put("cs2", e.objectType());
        if (e.objectId() != null) {
            ext.put("cs3Label", "objectId");
            ext.put("cs3", e.objectId());
        }
        ext.put("cn1Label", "eventId");
        ext.put("cn1", Long.toString(e.eventId()));
        e.details().forEach((k, v) -> ext.putIfAbsent("ad." + Cef.key(k), v));
        return ext;
    }
}
