package online.hypermesh.trustchain.ca.cmp;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.CmpSecretView;
import online.hypermesh.trustchain.ca.api.CmpSecrets;
import online.hypermesh.trustchain.ca.domain.Account;
import online.hypermesh.trustchain.ca.domain.AccountRepository;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.ca.domain.CmpRepository;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Makes CMP shared secrets: a random reference (the client's senderKID) and a random secret,
 * stored with the account they authenticate as, and audited, in one transaction. The secret is
 * printable ASCII, so that it is typed as openssl's {@code pass:<secret>} and its bytes are the
 * MAC key exactly as given.
 */
@Stateless
public class CmpSecretsBean implements CmpSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    CmpRepository store;

    @Inject
    AccountRepository accounts;

    @Inject
    AuditTrail audit;

    @Override
    public CmpSecretView create(String accountName, Caller caller) {
        if (caller == null || !caller.has(Caller.Role.ADMIN)) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "only an administrator creates CMP shared secrets");
        }
        Account account = accounts.find(accountName).orElseThrow(() -> TrustChainException.notFound("no account '" + accountName + "'"));
        String reference = random(12);
        String secret = random(24);
        Instant now = Instant.now();
        store.addSecret(reference, account.id(), secret.getBytes(StandardCharsets.US_ASCII), caller.name(), now);
        audit.record(new AuditEvent(caller.name(), "cmp.secret.created", "account", account.name(), Map.of("reference", reference)));
        return new CmpSecretView(reference, secret, account.name(), now);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
