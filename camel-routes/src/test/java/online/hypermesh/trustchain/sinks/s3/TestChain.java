package online.hypermesh.trustchain.sinks.s3;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;

import javax.sql.DataSource;

import online.hypermesh.trustchain.core.audit.AuditChain;
import online.hypermesh.trustchain.core.audit.AuditCheckpoint;
import online.hypermesh.trustchain.core.audit.AuditRecord;

/**
 * Writes audit events, their chain and signed checkpoints the way the issuance path and the
 * sealer do: each event committed, then chained with {@code hash(n) = SHA-256(hash(n-1) ||
 * canonical JSON)} over the fields as the database returns them, the head signed by an audit key.
 */
final class TestChain {
    private final DataSource db;
    final KeyPair auditKey;
    private long seq;
    private byte[] hash = AuditChain.genesis();

    TestChain(DataSource db) throws Exception {
        this.db = db;
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        this.auditKey = g.generateKeyPair();
    }

    long head() {
        return seq;
    }

    /** Commits and chains {@code count} events ({@code certificate.issued}, object id {@code serial-<seq>}). */
    void events(int count) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement event = c.prepareStatement("insert into audit_event (occurred_at, actor, action, object_type, object_id, node, details)"
                     + " values (now(), 'admin', 'certificate.issued', 'certificate', ?, 'ca-0', ?::jsonb)"
                     + " returning id, occurred_at, node, actor, action, object_type, object_id, details::text");
             PreparedStatement chained = c.prepareStatement("insert into audit_chain (seq, event_id, hash) values (?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                long n = seq + 1;
                event.setString(1, "serial-" + n);
                event.setString(2, "{\"profile\":\"server\",\"note\":\"a \\\"quoted\\\" value\"}");
                AuditRecord record;
                try (ResultSet r = event.executeQuery()) {
                    r.next();
                    record = new AuditRecord(n, r.getLong(1), r.getTimestamp(2).toInstant(), r.getString(3), r.getString(4), r.getString(5),
                            r.getString(6), r.getString(7), r.getString(8));
                }
                hash = AuditChain.next(hash, record.canonicalJson());
                chained.setLong(1, n);
                chained.setLong(2, record.id());
                chained.setBytes(3, hash);
                chained.executeUpdate();
                seq = n;
            }
        }
    }

    /** Signs the head, as the sealer does every minute. */
    void checkpoint() throws Exception {
        AuditCheckpoint cp = new AuditCheckpoint("test.hypermesh.online", seq, hash, Instant.now());
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(auditKey.getPrivate());
        s.update(cp.signedBytes());
        try (Connection c = db.getConnection();
             PreparedStatement insert = c.prepareStatement("insert into audit_checkpoint (size, head, signed_at, node, text, signature) values (?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, seq);
            insert.setBytes(2, hash);
            insert.setTimestamp(3, Timestamp.from(cp.time()));
            insert.setString(4, "ca-0");
            insert.setString(5, cp.text());
            insert.setBytes(6, s.sign());
            insert.executeUpdate();
        }
    }
}
