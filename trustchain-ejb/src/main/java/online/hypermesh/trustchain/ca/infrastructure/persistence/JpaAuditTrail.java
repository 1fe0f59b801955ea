package online.hypermesh.trustchain.ca.infrastructure.persistence;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import online.hypermesh.trustchain.ca.config.TrustChainConfig;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;

/** Writes audit_event rows with a native insert, so details land in a jsonb column as JSON. */
@ApplicationScoped
public class JpaAuditTrail implements AuditTrail {
    @PersistenceContext(unitName = "trustchain")
    EntityManager em;

    @Inject
    TrustChainConfig config;

    @Override
    public void record(AuditEvent event) {
        JsonObjectBuilder details = Json.createObjectBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(event.details()).entrySet()) {
            details.add(e.getKey(), e.getValue());
        }
        em.createNativeQuery("insert into audit_event (occurred_at, actor, action, object_type, object_id, node, details)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6, cast(?7 as jsonb))")
                .setParameter(1, Instant.now())
                .setParameter(2, event.actor())
                .setParameter(3, event.action())
                .setParameter(4, event.objectType())
                .setParameter(5, event.objectId())
                .setParameter(6, config.nodeName())
                .setParameter(7, details.build().toString())
                .executeUpdate();
    }
}
