package online.hypermesh.trustchain.sinks.cef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.sinks.syslog.SiemSink;

/** README.md's CEF table ("Sending the audit trail to a SIEM") is the mapping in code, row for row. */
class CefMappingTest {

    @Test
    void theReadmeTableListsEveryTypeWithItsSignatureNameAndSeverities() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int begin = readme.indexOf("<!-- cef-mapping:begin -->");
        int end = readme.indexOf("<!-- cef-mapping:end -->");
        assertTrue(begin >= 0 && end > begin, "README.md has the CEF table between its markers");
        List<String> rows = readme.substring(begin, end).lines().filter(l -> l.startsWith("| `")).toList();
        List<String> expected = new ArrayList<>();
        for (CefMapping.Type t : CefMapping.types()) {
            expected.add("| `" + t.action() + "` | `" + t.signatureId() + "` | " + t.name() + " | " + t.severity() + " | "
                    + syslogName(SiemSink.syslogSeverityOf(t.severity())) + " |");
        }
        assertEquals(expected, rows);
    }

    private static String syslogName(int severity) {
        return switch (severity) {
            case 2 -> "critical (2)";
            case 3 -> "error (3)";
            case 4 -> "warning (4)";
            case 5 -> "notice (5)";
            default -> "informational (" + severity + ")";
        };
    }

    @Test
    void everyActionTheCaWritesHasItsOwnRow() {
        // The actions trustchain-ejb records (AuditEvent's action argument), as of this table.
        List<String> actions = List.of("account.allowlist.changed", "account.changed", "account.created", "acme.account.created",
                "acme.account.deactivated", "acme.account.key-changed", "acme.challenge.validated", "acme.eab.created", "acme.order.valid",
                "authority.created", "authority.issuance-stopped", "authority.revoked", "authority.rolled-over", "certificate.hold-released",
                "certificate.issued", "certificate.refused", "certificate.renewed", "certificate.revoked", "certificates.expired",
                "client_identity.bound", "client_identity.removed", "ct.root.added", "dns.records.deleted", "dns.records.replaced",
                "issuance.disabled", "issuance.enabled", "ocsp-responder.issued", "request.refused.origin", "token.created", "token.revoked",
                "scep-ra.issued", "scep.challenge.created", "scep.enrolled", "scep.renewed", "scep.refused",
                "crl.signed", "crl.delta-signed", "account.directory-scopes", "account.directory-roles", "console.signed-in", "console.sign-in.refused",
                "trust_anchor.imported", "trust_anchor.deactivated", "cross_certificate.issued", "cross_certificate.requested",
                "cross_certificate.imported", "acme.order.interrupted", "cmp.protection-certificate.issued",
                "certificate.delegation_refused", "certificate.delegation_incomplete");
        for (String a : actions) {
            assertTrue(!CefMapping.typeOf(a).signatureId().equals(a), a + " has a signature ID of its own");
        }
    }
}
