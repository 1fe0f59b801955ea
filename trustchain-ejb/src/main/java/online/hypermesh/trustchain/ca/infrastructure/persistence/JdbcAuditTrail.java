package online.hypermesh.trustchain.ca.infrastructure.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

import online.hypermesh.trustchain.ca.config.TrustChainConfig;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.core.error.TrustChainException;

/** Appends audit_event rows on the transaction's connection; details are stored as jsonb. */
@ApplicationScoped
public class JdbcAuditTrail implements AuditTrail {
    private static final String INSERT = "insert into audit_event (occurred_at, actor, action, object_type, object_id, node, details)"
            + " values (?, ?, ?, ?, ?, ?, cast(? as jsonb))";
    /** Looked up once: Json.createObjectBuilder() searches for a provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    @Inject
    TrustChainConfig config;

    @Override
    public void record(AuditEvent event) {
        recordAll(List.of(event));
    }

    @Override
    public void recordAll(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(INSERT)) {
            for (AuditEvent event : events) {
                s.setTimestamp(1, now);
                s.setString(2, event.actor());
                s.setString(3, event.action());
                s.setString(4, event.objectType());
                s.setString(5, event.objectId());
                s.setString(6, config.nodeName());
                s.setString(7, details(event));
                if (events.size() == 1) {
                    s.executeUpdate();
                } else {
                    s.addBatch();
                }
            }
            if (events.size() > 1) {
                s.executeBatch();
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot write audit event " + events.get(0).action(), e);
        }
    }

    private static String details(AuditEvent event) {
        JsonObjectBuilder details = JSON.createObjectBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(event.details()).entrySet()) {
            details.add(e.getKey(), e.getValue());
        }
        return details.build().toString();
    }
}
