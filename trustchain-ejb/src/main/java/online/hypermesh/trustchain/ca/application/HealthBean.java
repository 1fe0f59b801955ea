package online.hypermesh.trustchain.ca.application;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.api.CtLogService;
import online.hypermesh.trustchain.ca.api.HealthReport;
import online.hypermesh.trustchain.ca.api.HealthService;
import online.hypermesh.trustchain.ca.config.TrustChainConfig;
import online.hypermesh.trustchain.ca.signer.CaSigner;
import online.hypermesh.trustchain.core.error.ErrorClassifier;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.OutageLog;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Checks what issuance needs: the database answers, this node's CA is active and in date, its key
 * is in the token (which answers: an HSM may be unreachable), and the CT log signs tree heads (here or on the node that leads it, see
 * {@link CtLogHealth}). Each check answers for itself: a check that throws is DOWN with the reason
 * (the database's outage named as such), so /health names the failing check instead of failing whole.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HealthBean implements HealthService {
    private static final Logger LOG = Logger.getLogger(HealthBean.class.getName());
    private static final String UP = "UP";

    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    @EJB
    AuthorityRegistry registry;

    @EJB
    CaSigner signer;

    @EJB
    CtLogService ctLog;

    @Inject
    TrustChainConfig config;

    @Override
    public HealthReport check() {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("database", database());
        checks.put("crypto-token", cryptoToken());
        checks.put("ca", guarded(this::ca));
        checks.put("ct-log", guarded(() -> CtLogHealth.check(ctLog.isLeading(), ctLog.latestHead(), ctLog::latestTreeHead,
                Instant.now())));
        checks.put("ct-witnesses", guarded(this::ctWitnesses));
        boolean up = checks.values().stream().allMatch(v -> v.equals(UP) || v.startsWith(UP + ":"));
        return new HealthReport(up, checks);
    }

    private String ctWitnesses() {
        try {
            return CtWitnessHealth.check(ctLog.witnesses(), ctLog.latestTreeHead().treeSize(), Instant.now());
        } catch (RuntimeException e) {
            return "DOWN: the witness state cannot be read: " + e.getMessage();
        }
    }

    private String database() {
        try (Connection c = dataSource.getConnection()) {
            if (c.isValid(2)) {
                OutageLog.shared().recovered(ErrorClassifier.DATABASE);
                return UP;
            }
            return "DOWN: the database did not answer within 2 s";
        } catch (SQLException | RuntimeException e) {
            return "DOWN: " + ErrorClassifier.databaseOutage(e).map(o -> "unavailable (" + o.reason() + ")")
                    .orElse(String.valueOf(e.getMessage()));
        }
    }

    /** A check that needs the database reads "DOWN: the database is unavailable" during an outage, not a 500. */
    private static String guarded(Supplier<String> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            if (ErrorClassifier.databaseOutage(e).isPresent()) {
                return "DOWN: the database is unavailable";
            }
            // An outage that names itself (an HSM unreachable): its reason, without a stack trace every poll.
            if (e instanceof TrustChainException t && t.kind() == ErrorKind.UNAVAILABLE) {
                return "DOWN: " + t.getMessage();
            }
            LOG.log(Level.WARNING, "a health check failed unexpectedly", e);
            return "DOWN: " + e.getClass().getSimpleName() + " (see server.log)";
        }
    }

    /** The token can sign now: with PKCS#11 the HSM answers (a reconnect is tried here too) and took the PIN. */
    private String cryptoToken() {
        try {
            signer.requireTokenAvailable();
            return UP;
        } catch (RuntimeException e) {
            return "DOWN: " + e.getMessage();
        }
    }

    private String ca() {
        var issuer = registry.activeIssuer(config.region());
        if (issuer.isEmpty()) {
            return "DOWN: no active issuing CA for region " + config.region();
        }
        var authority = issuer.get().authority();
        if (authority.certificate().getNotAfter().toInstant().isBefore(Instant.now())) {
            return "DOWN: issuing CA " + authority.id() + " expired at " + authority.certificate().getNotAfter().toInstant();
        }
        if (!signer.hasKey(authority)) {
            return "DOWN: the crypto token has no key for " + authority.id();
        }
        return UP;
    }
}
