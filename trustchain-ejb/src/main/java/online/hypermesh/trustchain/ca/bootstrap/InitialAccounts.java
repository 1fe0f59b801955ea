package online.hypermesh.trustchain.ca.bootstrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

import online.hypermesh.trustchain.ca.application.TokenHash;
import online.hypermesh.trustchain.ca.config.AccountSettings;
import online.hypermesh.trustchain.ca.domain.Account;
import online.hypermesh.trustchain.ca.domain.AccountRepository;
import online.hypermesh.trustchain.ca.domain.ApiTokenRepository;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.ca.infrastructure.files.PrivateFiles;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.policy.Authorization;

/**
 * The accounts a new CA starts with: an administrator (who may also issue within the
 * deployment's names) and an emergency account, each with one token written to the data
 * directory (mode 0600). Also gives accounts upgraded from earlier versions' tokens the
 * deployment's names, which the migration could not know. Runs under the bootstrap lock.
 */
final class InitialAccounts {
    private static final Logger LOG = Logger.getLogger(InitialAccounts.class.getName());
    static final String ACTOR = "system:bootstrap";
    static final String TOKEN_NAME = "initial";

    private final AccountRepository accounts;
    private final ApiTokenRepository tokens;
    private final AuditTrail audit;
    private final AccountSettings settings;
    private final Path dataDir;

    InitialAccounts(AccountRepository accounts, ApiTokenRepository tokens, AuditTrail audit, AccountSettings settings, Path dataDir) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.audit = audit;
        this.settings = settings;
        this.dataDir = dataDir;
    }

    void ensure(String adminName, String emergencyName) {
        createOnce(adminName, List.of("admin", "issuer"), new Authorization(List.of(), Set.of(Authorization.ANY),
                Set.of(Authorization.ANY), null), true, "admin-token");
        createOnce(emergencyName, List.of("emergency"), Authorization.NONE, false, "emergency-token");
        applyDeploymentScopes();
    }

    /**
     * Creates the account and its token once. The token file is written before commit: if the
     * commit then fails, the next start writes a new one. The token does not expire: it is the way
     * in for the operator who creates the other accounts, who may revoke it then.
     */
    private void createOnce(String name, List<String> roles, Authorization authorization, boolean deploymentScopes, String fileName) {
        if (accounts.find(name).isPresent()) {
            return;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Account account = accounts.create(name, roles, authorization, deploymentScopes, now);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = "tc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        var stored = tokens.add(account.id(), TOKEN_NAME, TokenHash.of(token), now, null);
        Path file = dataDir.resolve(fileName);
        try {
            PrivateFiles.writeAtomically(file, (token + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw TrustChainException.internal("cannot write the token of account " + name + " to " + file, e);
        }
        audit.record(new AuditEvent(ACTOR, "account.created", "account", name, Map.of("roles", String.join(",", roles))));
        audit.record(new AuditEvent(ACTOR, "token.created", "api_token", name + "/" + stored.id(),
                Map.of("account", name, "name", TOKEN_NAME, "file", file.toString())));
        LOG.info(() -> "created account " + name + " and wrote its token to " + file + " (mode 0600)");
    }

    private void applyDeploymentScopes() {
        for (Account pending : accounts.withDefaultScopesPending()) {
            Account locked = accounts.lock(pending.name()).orElseThrow();
            Authorization a = locked.authorization();
            Authorization withScopes = new Authorization(settings.deploymentScopes(), a.profiles(), a.regions(), a.maxValidityHours());
            accounts.update(locked.with(locked.roles(), withScopes, locked.enabled(), Instant.now().truncatedTo(ChronoUnit.MICROS)));
            audit.record(new AuditEvent(ACTOR, "account.changed", "account", locked.name(),
                    Map.of("reason", "given this deployment's names (trustchain.accounts.default.scopes)",
                            "scopes", settings.deploymentScopes().stream().map(s -> s.type() + ":" + s.value()).toList().toString())));
            LOG.info(() -> "account " + locked.name() + " may now be issued this deployment's names " + settings.deploymentScopes());
        }
    }
}
