package online.hypermesh.trustchain.ca.acme;

import online.hypermesh.trustchain.bridge.acme.JsonP;
import java.io.IOException;
import java.io.StringReader;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;

import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.bridge.acme.AcmeCsr;
import online.hypermesh.trustchain.bridge.acme.AcmeProblem;
import online.hypermesh.trustchain.bridge.acme.AcmeProblem.Type;
import online.hypermesh.trustchain.bridge.acme.AcmeStates;
import online.hypermesh.trustchain.bridge.acme.AcmeStatus;
import online.hypermesh.trustchain.bridge.acme.Base64Url;
import online.hypermesh.trustchain.bridge.acme.EabCredentials;
import online.hypermesh.trustchain.bridge.acme.ExternalAccountBinding;
import online.hypermesh.trustchain.bridge.acme.Identifiers;
import online.hypermesh.trustchain.bridge.acme.Jwk;
import online.hypermesh.trustchain.bridge.acme.Jws;
import online.hypermesh.trustchain.bridge.acme.KeyAuthorization;
import online.hypermesh.trustchain.bridge.acme.RenewalCertId;
import online.hypermesh.trustchain.ca.api.AcmeReply;
import online.hypermesh.trustchain.ca.api.AcmeService;
import online.hypermesh.trustchain.ca.api.Approvals;
import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.EabKeyView;
import online.hypermesh.trustchain.ca.api.IssuanceCommand;
import online.hypermesh.trustchain.ca.api.IssuedCertificate;
import online.hypermesh.trustchain.ca.api.RevocationService;
import online.hypermesh.trustchain.ca.application.BoundAccounts;
import online.hypermesh.trustchain.ca.application.IssuanceBean;
import online.hypermesh.trustchain.ca.application.IssuanceRequest;
import online.hypermesh.trustchain.ca.config.AcmeSettings;
import online.hypermesh.trustchain.ca.domain.Account;
import online.hypermesh.trustchain.ca.domain.AccountRepository;
import online.hypermesh.trustchain.ca.domain.CertificateRepository;
import online.hypermesh.trustchain.ca.domain.AcmeRepository;
import online.hypermesh.trustchain.ca.domain.AcmeRepository.AcmeAccount;
import online.hypermesh.trustchain.ca.domain.AcmeRepository.AcmeAuthorization;
import online.hypermesh.trustchain.ca.domain.AcmeRepository.AcmeChallenge;
import online.hypermesh.trustchain.ca.domain.AcmeRepository.AcmeOrder;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.policy.RequestedName;
import online.hypermesh.trustchain.core.revocation.RevocationReason;
import online.hypermesh.trustchain.core.x509.SerialNumbers;

/**
 * The ACME server. Every POST is a JWS (RFC 8555 6.2): its "url" must be the URL it was sent
 * to, its nonce one this server handed out and not yet used (deleted in its own transaction, so a
 * replay fails even if the request then does), its key the new account's ("jwk") or a stored
 * account's ("kid"). Every reply carries a fresh Replay-Nonce and the directory as Link rel="index".
 *
 * <p>The caller for issuance and revocation is the ACME account's bound TrustChain account, made
 * by the authenticator ({@link BoundAccounts}); an ACME account without a binding has no caller
 * and may order nothing. Orders are checked against that account's scopes when they are made and
 * again by the registration authority (with CAA) at finalization.
 *
 * <p>An authorization offers http-01, dns-01 and tls-alpn-01, a wildcard's dns-01 only
 * ({@link ChallengeValidators}); an order may
 * name the certificate it replaces (RFC 9773 5), which must be this account's, share a name
 * with the order, and not be replaced already.
 *
 * <p>Bean-managed transactions, each short: challenge validation (network, seconds) and issuance
 * (the CT log) run between them, never inside one. A crash during finalization leaves the order
 * processing until {@link AcmeFinalizationRecovery} settles it from what was issued.
 *
 * <p>A finalize whose issuance needs four-eyes approval is held ({@link Approvals}, reference
 * {@code acme:<order id>}): the order answers processing with Retry-After until the approval is
 * decided, and a poll then settles it ({@link HeldFinalizations}).
 */
@Stateless
@TransactionManagement(TransactionManagementType.BEAN)
public class AcmeBean implements AcmeService {
    private static final Logger LOG = Logger.getLogger(AcmeBean.class.getName());
    private static final Duration NONCE_LIFETIME = Duration.ofHours(1);
    private static final Duration ORDER_LIFETIME = Duration.ofDays(7);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";
    /** How long a client waits before it polls an order whose certificate waits for approval (RFC 8555 7.4). */
    static final String RETRY_AFTER_SECONDS = "5";

    @Inject
    AcmeRepository store;

    @Inject
    AccountRepository accounts;

    @Inject
    CertificateRepository certificates;

    @Inject
    AuditTrail audit;

    @Inject
    AcmeSettings settings;

    @EJB
    BoundAccounts boundAccounts;

    @EJB
    IssuanceBean issuance;

    @EJB
    RevocationService revocation;

    @EJB
    Approvals approvals;

    @Inject
    HeldFinalizations held;

    @Inject
    AlternateChains alternates;

    @Resource
    UserTransaction transaction;

    /** Asks the remote perspectives while this thread validates from the CA itself. */
    @Resource
    ManagedExecutorService executor;

    private ChallengeValidators validators;

    @PostConstruct
    void init() {
        validators = new ChallengeValidators(settings);
    }

    /** What a request's JWS was signed by: a key of no account yet (newAccount, revocation by certificate key), or an account. */
    private record Signer(Jwk key, AcmeAccount account) {
    }

    /** A reply before its nonce and index link. */
    private record Out(int status, String contentType, String body, Map<String, List<String>> headers) {
        static Out json(int status, JsonObject body) {
            return new Out(status, JSON, body.toString(), new LinkedHashMap<>());
        }

        Out header(String name, String value) {
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            return this;
        }
    }

    @Override
    public AcmeReply directory(String baseUrl) {
        AcmeUrls urls = new AcmeUrls(baseUrl);
        return finish(urls, Out.json(200, AcmeJson.directory(urls, settings.eabRequired())), false);
    }

    @Override
    public AcmeReply newNonce(String baseUrl, boolean head) {
        return finish(new AcmeUrls(baseUrl), new Out(head ? 200 : 204, null, null, new LinkedHashMap<>()).header("Cache-Control", "no-store"), true);
    }

    @Override
    public AcmeReply post(Endpoint endpoint, String id, String baseUrl, String contentType, String body) {
        AcmeUrls urls = new AcmeUrls(baseUrl);
        String replyNonce = null;
        try {
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/jose+json")) {
                throw new AcmeProblem(Type.MALFORMED, 415, "an ACME request is application/jose+json (RFC 8555 6.2), not " + contentType);
            }
            Jws jws = Jws.parse(body == null ? "" : body);
            String url = urls.of(endpoint, id);
            if (!url.equals(jws.url())) {
                throw new AcmeProblem(Type.UNAUTHORIZED, "the JWS \"url\" is " + jws.url() + " but the request was sent to " + url + " (RFC 8555 6.4)");
            }
            String nonce = jws.nonce();
            // The nonce is used up and the reply's nonce stored in one commit, before the request's own work, so a
            // request that then fails has still spent its nonce (no replay) and its reply still carries a valid one.
            // That commit does not wait for the disk; the work's own commit does, for both (see the repository).
            String next = newNonceValue();
            Instant now = Instant.now();
            if (nonce == null || !tx(() -> {
                store.commitNoncesWithoutWaitingForDisk();
                return store.useNonce(nonce, now) && storeNonce(next, now);
            })) {
                throw new AcmeProblem(Type.BAD_NONCE, "the nonce " + (nonce == null ? "is missing" : "is unknown, used or expired")
                        + "; use the Replay-Nonce of this reply");
            }
            replyNonce = next;
            Signer signer = signer(endpoint, jws, urls);
            return finish(urls, handle(endpoint, id, urls, jws, signer), false, next);
        } catch (AcmeProblem p) {
            return finish(urls, problem(p), false, replyNonce);
        } catch (TrustChainException e) {
            return finish(urls, problem(AcmeProblems.ofOther(e)), false, replyNonce);
        } catch (RuntimeException e) {
            // Still an ACME reply, with a nonce, so the client can tell and retry; the cause goes to the log.
            LOG.log(Level.WARNING, "ACME " + endpoint + " failed", e);
            return finish(urls, problem(new AcmeProblem(Type.SERVER_INTERNAL, "the request failed inside the CA: " + e.getClass().getSimpleName())), false,
                    replyNonce);
        }
    }

    private Signer signer(Endpoint endpoint, Jws jws, AcmeUrls urls) {
        if (jws.kid() == null) {
            if (endpoint != Endpoint.NEW_ACCOUNT && endpoint != Endpoint.REVOKE_CERT) {
                throw new AcmeProblem(Type.MALFORMED, "this request must be signed by an account: \"kid\", not \"jwk\" (RFC 8555 6.2)");
            }
            Jwk key = jws.jwk();
            jws.verify(key);
            return new Signer(key, null);
        }
        if (endpoint == Endpoint.NEW_ACCOUNT) {
            throw new AcmeProblem(Type.MALFORMED, "newAccount is signed with the new key in \"jwk\", not a \"kid\" (RFC 8555 7.3)");
        }
        long accountId = urls.accountId(jws.kid());
        AcmeAccount account = tx(() -> store.findAccount(accountId))
                .orElseThrow(() -> new AcmeProblem(Type.ACCOUNT_DOES_NOT_EXIST, "no account " + jws.kid()));
        Jwk key = AccountKeys.of(account.jwk());
        jws.verify(key);
        if (!"valid".equals(account.status())) {
            throw new AcmeProblem(Type.UNAUTHORIZED, "account " + jws.kid() + " is " + account.status());
        }
        return new Signer(key, account);
    }

    private Out handle(Endpoint endpoint, String id, AcmeUrls urls, Jws jws, Signer signer) {
        return switch (endpoint) {
            case NEW_ACCOUNT -> newAccount(urls, jws, signer.key());
            case ACCOUNT -> account(urls, id, jws, signer.account());
            case ACCOUNT_ORDERS -> {
                if (!Long.toString(signer.account().id()).equals(id)) {
                    throw new AcmeProblem(Type.UNAUTHORIZED, "the orders of " + urls.of(Endpoint.ACCOUNT, id) + " are listed only to that account");
                }
                yield Out.json(200, AcmeJson.orders(urls, tx(() -> store.orderIds(signer.account().id()))));
            }
            case NEW_ORDER -> newOrder(urls, jws, signer.account());
            case ORDER -> polledOrder(urls, order(id, signer.account()), signer.account());
            case AUTHORIZATION -> authorization(urls, id, jws, signer.account());
            case CHALLENGE -> challenge(urls, id, jws, signer);
            case FINALIZE -> finalizeOrder(urls, id, jws, signer.account());
            case CERTIFICATE -> certificate(id, urls, signer.account());
            case REVOKE_CERT -> revoke(jws, signer);
            case KEY_CHANGE -> keyChange(urls, jws, signer);
        };
    }

    // --- accounts ---

    private Out newAccount(AcmeUrls urls, Jws jws, Jwk key) {
        JsonObject payload = jws.payload();
        String thumbprint = key.thumbprint();
        Optional<AcmeAccount> existing = tx(() -> store.findAccountByThumbprint(thumbprint));
        if (existing.isPresent()) {
            return Out.json(200, AcmeJson.account(urls, existing.get())).header("Location", urls.account(existing.get().id()));
        }
        if (payload.getBoolean("onlyReturnExisting", false)) {
            throw new AcmeProblem(Type.ACCOUNT_DOES_NOT_EXIST, "no account has this key; send newAccount without onlyReturnExisting to create one");
        }
        List<String> contacts = contacts(payload);
        JsonValue eab = payload.get("externalAccountBinding");
        if (eab == null && settings.eabRequired()) {
            throw new AcmeProblem(Type.EXTERNAL_ACCOUNT_REQUIRED, "this server requires an external account binding: ask an administrator"
                    + " for a key (POST /api/v1/accounts/{name}/acme-eab) and give its kid and HMAC key to your client");
        }
        if (eab != null && eab.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new AcmeProblem(Type.MALFORMED, "\"externalAccountBinding\" is not a JWS object");
        }
        AcmeAccount created = tx(() -> {
            Long bound = null;
            String kid = null;
            if (eab != null) {
                long[] accountId = {0};
                kid = ExternalAccountBinding.verify(eab.asJsonObject(), key, urls.base() + "new-account", k -> store.lockEabKey(k)
                        .filter(e -> e.usedAt() == null).map(e -> {
                            accountId[0] = e.accountId();
                            return e.hmacKey();
                        }).orElse(null));
                bound = accountId[0];
            }
            Optional<AcmeAccount> made = store.createAccount(thumbprint, key.canonicalJson(), contacts, bound, kid, Instant.now());
            if (made.isEmpty()) {
                // Another request created this key's account meanwhile; the EAB key stays unused.
                return store.findAccountByThumbprint(thumbprint).orElseThrow();
            }
            Map<String, String> details = new LinkedHashMap<>();
            details.put("acme_account", Long.toString(made.get().id()));
            details.put("thumbprint", thumbprint);
            if (kid != null) {
                details.put("eab_kid", kid);
            }
            audit.record(new AuditEvent(made.get().accountName() == null ? "acme:" + made.get().id() : made.get().accountName(),
                    "acme.account.created", "acme_account", Long.toString(made.get().id()), details));
            return made.get();
        });
        return Out.json(201, AcmeJson.account(urls, created)).header("Location", urls.account(created.id()));
    }

    private static List<String> contacts(JsonObject payload) {
        List<String> contacts = new ArrayList<>();
        if (payload.get("contact") instanceof JsonArray array) {
            for (JsonValue v : array) {
                if (!(v instanceof JsonString s) || !s.getString().startsWith("mailto:") || s.getString().length() > 254) {
                    throw new AcmeProblem(Type.MALFORMED, "each contact is a mailto: URL (RFC 8555 7.3)");
                }
                contacts.add(s.getString());
            }
        } else if (payload.containsKey("contact")) {
            throw new AcmeProblem(Type.MALFORMED, "\"contact\" is an array of mailto: URLs");
        }
        return contacts;
    }

    private Out account(AcmeUrls urls, String id, Jws jws, AcmeAccount account) {
        if (!Long.toString(account.id()).equals(id)) {
            throw new AcmeProblem(Type.UNAUTHORIZED, "a request about account " + urls.of(Endpoint.ACCOUNT, id) + " must be signed by it");
        }
        AcmeAccount now = account;
        if (!jws.emptyPayload()) {
            JsonObject payload = jws.payload();
            String status = account.status();
            if (payload.containsKey("status")) {
                if (!"deactivated".equals(payload.getString("status", null))) {
                    throw new AcmeProblem(Type.MALFORMED, "an account's status can only be changed to \"deactivated\" (RFC 8555 7.3.6)");
                }
                status = "deactivated";
            }
            List<String> contacts = payload.containsKey("contact") ? contacts(payload) : account.contacts();
            String newStatus = status;
            now = tx(() -> {
                store.updateAccount(account.id(), newStatus, contacts);
                if (!newStatus.equals(account.status())) {
                    audit.record(new AuditEvent(actor(account), "acme.account.deactivated", "acme_account", Long.toString(account.id()), Map.of()));
                }
                return store.findAccount(account.id()).orElseThrow();
            });
        }
        return Out.json(200, AcmeJson.account(urls, now)).header("Location", urls.account(account.id()));
    }

    /**
     * Key rollover (7.3.5): the outer JWS is signed by the account's current key, its payload is a
     * JWS signed by the new key whose payload names the account and the old key. Two accounts never
     * share a key: a new key that is another account's is a conflict naming that account.
     */
    private Out keyChange(AcmeUrls urls, Jws outer, Signer signer) {
        Jws inner = Jws.of(outer.payload());
        if (inner.jwk() == null) {
            throw new AcmeProblem(Type.MALFORMED, "the inner JWS of a key change carries the new key in \"jwk\" (RFC 8555 7.3.5)");
        }
        if (!outer.url().equals(inner.url())) {
            throw new AcmeProblem(Type.MALFORMED, "the inner JWS's \"url\" must be the outer's, " + outer.url());
        }
        if (inner.header().containsKey("nonce")) {
            throw new AcmeProblem(Type.MALFORMED, "the inner JWS of a key change has no \"nonce\"");
        }
        Jwk newKey = inner.jwk();
        inner.verify(newKey);
        JsonObject payload = inner.payload();
        String accountUrl = urls.account(signer.account().id());
        if (!accountUrl.equals(payload.getString("account", null))) {
            throw new AcmeProblem(Type.MALFORMED, "the key change's \"account\" must be " + accountUrl + ", the \"kid\" of the request");
        }
        if (!(payload.get("oldKey") instanceof JsonObject oldKey) || !Jwk.parse(oldKey).equals(signer.key())) {
            throw new AcmeProblem(Type.MALFORMED, "the key change's \"oldKey\" must be the account's current key");
        }
        if (newKey.equals(signer.key())) {
            throw new AcmeProblem(Type.MALFORMED, "the new key is the account's current key");
        }
        AcmeAccount account = signer.account();
        Optional<AcmeAccount> holder = tx(() -> store.findAccountByThumbprint(newKey.thumbprint()));
        if (holder.isPresent() || !tx(() -> {
            boolean changed = store.changeKey(account.id(), newKey.thumbprint(), newKey.canonicalJson());
            if (changed) {
                audit.record(new AuditEvent(actor(account), "acme.account.key-changed", "acme_account", Long.toString(account.id()),
                        Map.of("old_thumbprint", account.thumbprint(), "thumbprint", newKey.thumbprint())));
            }
            return changed;
        })) {
            AcmeAccount other = holder.orElseGet(() -> tx(() -> store.findAccountByThumbprint(newKey.thumbprint())).orElseThrow());
            return problem(new AcmeProblem(Type.MALFORMED, 409, "the new key is already the key of account " + urls.account(other.id())))
                    .header("Location", urls.account(other.id()));
        }
        return Out.json(200, AcmeJson.account(urls, tx(() -> store.findAccount(account.id())).orElseThrow()))
                .header("Location", accountUrl);
    }

    // --- orders ---

    private Out newOrder(AcmeUrls urls, Jws jws, AcmeAccount acme) {
        JsonObject payload = jws.payload();
        if (payload.containsKey("notBefore") || payload.containsKey("notAfter")) {
            throw new AcmeProblem(Type.MALFORMED, "notBefore and notAfter are not supported: certificates here are valid for the profile's validity");
        }
        List<String> names = Identifiers.dnsNames(payload);
        Account account = boundAccount(acme);
        List<RequestedName> requested = new ArrayList<>();
        for (String name : names) {
            requested.add(RequestedName.dns(name));
        }
        account.authorization().firstUncovered(requested).ifPresent(n -> {
            throw new AcmeProblem(Type.REJECTED_IDENTIFIER, "'" + n.display() + "' is outside the scopes of account '" + account.name()
                    + "'; an administrator can add a scope with PATCH /api/v1/accounts/" + account.name());
        });
        RenewalCertId replaces = replaces(payload);
        Instant now = Instant.now();
        Instant expires = now.plus(ORDER_LIFETIME);
        AcmeOrder order = new AcmeOrder(newId(), acme.id(), AcmeStatus.PENDING.json(), names, expires, null, null, null,
                replaces == null ? null : replaces.text(), replaces == null ? null : SerialNumbers.toHex(replaces.serial()));
        List<AcmeAuthorization> authorizations = new ArrayList<>();
        List<AcmeChallenge> challenges = new ArrayList<>();
        for (String name : names) {
            AcmeAuthorization z = new AcmeAuthorization(newId(), order.id(), acme.id(), name, AcmeStatus.PENDING.json(), expires);
            authorizations.add(z);
            // A wildcard is authorized for its base name, by dns-01 only (RFC 8555 7.1.3, 8.4).
            for (String type : ChallengeValidators.offeredFor(name)) {
                challenges.add(new AcmeChallenge(newId(), z.id(), acme.id(), name, type, KeyAuthorization.newToken(), AcmeStatus.PENDING.json(),
                        null, null, null));
            }
        }
        tx(() -> {
            if (replaces != null) {
                predecessor(replaces, acme, names);
            }
            store.createOrder(order, authorizations, challenges, now);
            return null;
        });
        return orderReply(urls, order, 201);
    }

    private static RenewalCertId replaces(JsonObject payload) {
        if (!payload.containsKey("replaces")) {
            return null;
        }
        if (!(payload.get("replaces") instanceof JsonString text)) {
            throw new AcmeProblem(Type.MALFORMED, "\"replaces\" is a certificate identifier string (RFC 9773 5)");
        }
        return RenewalCertId.parse(text.getString());
    }

    /**
     * The RFC 9773 5 checks of the certificate an order replaces, in the order's transaction: this
     * CA issued it (both halves of the identifier), this ACME account ordered it, it shares a name
     * with the new order, and no other order that is not invalid replaces it.
     */
    private void predecessor(RenewalCertId id, AcmeAccount acme, List<String> names) {
        String serial = SerialNumbers.toHex(id.serial());
        certificates.find(serial).filter(r -> r.der() != null && id.names(holder(r.der())))
                .orElseThrow(() -> new AcmeProblem(Type.MALFORMED, "\"replaces\" names " + id.text() + ", which is no certificate of this CA"));
        AcmeOrder ordered = store.findOrderByCertificate(serial).filter(o -> o.acmeAccountId() == acme.id())
                .orElseThrow(() -> new AcmeProblem(Type.UNAUTHORIZED, "certificate " + serial + " was not ordered by this account, so it cannot replace it"));
        if (ordered.identifiers().stream().noneMatch(names::contains)) {
            throw new AcmeProblem(Type.MALFORMED, "the order shares no identifier with certificate " + serial + ", which it says it replaces");
        }
        store.findOrderReplacing(serial).ifPresent(o -> {
            throw new AcmeProblem(Type.ALREADY_REPLACED, "certificate " + serial + " is replaced already, by order " + o.id()
                    + "; order without \"replaces\" or renew the newer certificate");
        });
    }

    private static X509CertificateHolder holder(byte[] der) {
        try {
            return new X509CertificateHolder(der);
        } catch (IOException e) {
            throw new IllegalStateException("a stored certificate does not parse", e);
        }
    }

    /** The TrustChain account an ACME account orders for; unauthorized without one (no EAB) or when it is disabled or may not issue. */
    private Account boundAccount(AcmeAccount acme) {
        if (acme.accountName() == null) {
            throw new AcmeProblem(Type.UNAUTHORIZED, "this ACME account is bound to no TrustChain account (it was made without an external"
                    + " account binding), so it may order nothing; make a new account with an EAB key");
        }
        Account account = tx(() -> accounts.find(acme.accountName())).filter(Account::enabled)
                .orElseThrow(() -> new AcmeProblem(Type.UNAUTHORIZED, "TrustChain account '" + acme.accountName() + "' is disabled"));
        if (!account.roles().contains("issuer")) {
            throw new AcmeProblem(Type.UNAUTHORIZED, "TrustChain account '" + account.name() + "' needs the issuer role to be issued certificates");
        }
        return account;
    }

    private AcmeOrder order(String id, AcmeAccount acme) {
        AcmeOrder order = tx(() -> store.findOrder(id)).orElseThrow(() -> new AcmeProblem(Type.MALFORMED, 404, "no order " + id));
        owns(acme, order.acmeAccountId(), "order " + id);
        return order;
    }

    private static void owns(AcmeAccount acme, long owner, String what) {
        if (acme.id() != owner) {
            throw new AcmeProblem(Type.UNAUTHORIZED, what + " belongs to another account");
        }
    }

    /**
     * POST-as-GET of an order. A processing order whose certificate waits for approval is settled
     * from the approval first: still processing (with Retry-After), valid or invalid.
     */
    private Out polledOrder(AcmeUrls urls, AcmeOrder order, AcmeAccount acme) {
        if (!AcmeStatus.PROCESSING.json().equals(order.status())) {
            return orderReply(urls, order, 200);
        }
        HeldFinalizations.State state = tx(() -> held.settle(order.id(), actor(acme)));
        if (state == HeldFinalizations.State.WAITING) {
            return orderReply(urls, order, 200).header("Retry-After", RETRY_AFTER_SECONDS);
        }
        // Only a settled order changed since it was read.
        AcmeOrder current = state == HeldFinalizations.State.SETTLED ? tx(() -> store.findOrder(order.id())).orElseThrow() : order;
        return orderReply(urls, current, 200);
    }

    /** The order with its status brought up to date (7.1.6), stored when it changed. */
    private Out orderReply(AcmeUrls urls, AcmeOrder order, int status) {
        List<AcmeAuthorization> authorizations = tx(() -> store.authorizations(order.id()));
        AcmeOrder current = refresh(order, authorizations);
        return Out.json(status, AcmeJson.order(urls, current, current.status(), authorizations)).header("Location", urls.order(order.id()));
    }

    private AcmeOrder refresh(AcmeOrder order, List<AcmeAuthorization> authorizations) {
        AcmeStatus stored = AcmeStatus.of(order.status());
        AcmeStatus now = AcmeStates.order(stored, authorizations.stream().map(a -> AcmeStatus.of(a.status())).toList(), order.expires(), Instant.now());
        if (now == stored) {
            return order;
        }
        tx(() -> store.moveOrder(order.id(), stored.json(), now.json(), order.error()));
        return tx(() -> store.findOrder(order.id())).orElseThrow();
    }

    private Out authorization(AcmeUrls urls, String id, Jws jws, AcmeAccount acme) {
        AcmeAuthorization z = tx(() -> store.findAuthorization(id)).orElseThrow(() -> new AcmeProblem(Type.MALFORMED, 404, "no authorization " + id));
        owns(acme, z.acmeAccountId(), "authorization " + id);
        AcmeStatus status = AcmeStates.authorization(AcmeStatus.of(z.status()), AcmeStatus.PENDING, z.expires(), Instant.now());
        if (!jws.emptyPayload()) {
            // The client gives the authorization up (7.5.2), as clients do after a failed order.
            if (!"deactivated".equals(jws.payload().getString("status", null))) {
                throw new AcmeProblem(Type.MALFORMED, "an authorization's status can only be changed to \"deactivated\" (RFC 8555 7.5.2)");
            }
            status = AcmeStates.deactivated(status);
        }
        String now = status.json();
        if (!now.equals(z.status())) {
            tx(() -> {
                store.setAuthorizationStatus(id, now);
                return null;
            });
        }
        return Out.json(200, AcmeJson.authorization(urls, z, now, tx(() -> store.challenges(id))))
                .header("Link", "<" + urls.order(z.orderId()) + ">;rel=\"up\"");
    }

    // --- challenges ---

    private Out challenge(AcmeUrls urls, String id, Jws jws, Signer signer) {
        AcmeChallenge c = tx(() -> store.findChallenge(id)).orElseThrow(() -> new AcmeProblem(Type.MALFORMED, 404, "no challenge " + id));
        owns(signer.account(), c.acmeAccountId(), "challenge " + id);
        // POST {} asks for validation; POST-as-GET (empty payload) only reads (RFC 8555 7.5.1).
        if (!jws.emptyPayload() && AcmeStates.startsValidation(AcmeStatus.of(c.status())) && tx(() -> store.startChallenge(id))) {
            validate(c, signer);
        }
        AcmeChallenge now = tx(() -> store.findChallenge(id)).orElseThrow();
        return Out.json(200, AcmeJson.challenge(urls, now)).header("Link", "<" + urls.authorization(c.authorizationId()) + ">;rel=\"up\"");
    }

    /**
     * Over the network, from every perspective, outside any transaction; the result, what each
     * perspective saw, the authorization and the order commit together.
     */
    private void validate(AcmeChallenge c, Signer signer) {
        ChallengeValidators.Outcome outcome = validators.validate(c.type(), Identifiers.validatedName(c.identifier()), c.token(), signer.key(),
                executor);
        AcmeStatus result = AcmeStates.challengeValidated(AcmeStatus.PROCESSING, outcome.failure() == null);
        String validatedFrom = outcome.validatedFrom();
        String failure = outcome.failure() == null ? null : outcome.failure().toJson();
        tx(() -> {
            Instant now = Instant.now();
            store.finishChallenge(c.id(), result.json(), now, validatedFrom, failure);
            store.addPerspectiveResults(c.id(), outcome.perspectives(), now);
            AcmeAuthorization z = store.findAuthorization(c.authorizationId()).orElseThrow();
            AcmeStatus authz = AcmeStates.authorization(AcmeStatus.of(z.status()), result, z.expires(), now);
            store.setAuthorizationStatus(z.id(), authz.json());
            Map<String, String> details = new LinkedHashMap<>();
            details.put("identifier", c.identifier());
            details.put("method", c.type());
            details.put("result", result.json());
            details.put(validatedFrom != null ? "validated_from" : "error", validatedFrom != null ? validatedFrom : failure);
            details.put("perspectives", outcome.perspectives().stream().map(p -> p.perspective() + "=" + (p.valid() ? "valid" : "invalid"))
                    .collect(java.util.stream.Collectors.joining(",")));
            audit.record(new AuditEvent(actor(signer.account()), "acme.challenge.validated", "acme_challenge", c.id(), details));
            return null;
        });
    }

    // --- finalization and certificates ---

    private Out finalizeOrder(AcmeUrls urls, String id, Jws jws, AcmeAccount acme) {
        AcmeOrder order = order(id, acme);
        order = refresh(order, tx(() -> store.authorizations(id)));
        AcmeStates.finalizing(AcmeStatus.of(order.status()));
        JsonObject payload = jws.payload();
        if (!(payload.get("csr") instanceof JsonString csr)) {
            throw new AcmeProblem(Type.MALFORMED, "finalize needs {\"csr\": base64url DER} (RFC 8555 7.4)");
        }
        byte[] der = AcmeCsr.matching(csr.getString(), Set.copyOf(order.identifiers()));
        Account account = boundAccount(acme);
        Caller caller = boundAccounts.callerOf(account.name())
                .orElseThrow(() -> new AcmeProblem(Type.UNAUTHORIZED, "TrustChain account '" + account.name() + "' is disabled"));
        // What identifies this finalization's issuance is kept with the order: AcmeFinalizationRecovery settles it after a crash.
        if (!tx(() -> store.startFinalizing(id, sha256(der), Instant.now()))) {
            throw new AcmeProblem(Type.ORDER_NOT_READY, "the order is being finalized by another request");
        }
        IssuanceCommand command = new IssuanceCommand(der, "server", null, null, caller);
        IssuedCertificate issued;
        try {
            // Held for a second officer: the order stays processing (7.1.3) and the client polls it; see HeldFinalizations.
            if (approvals.requiresApproval(command) && approvals.holdIssuance(command, HeldFinalizations.reference(id)).isPresent()) {
                return orderReply(urls, tx(() -> store.findOrder(id)).orElseThrow(), 200).header("Retry-After", RETRY_AFTER_SECONDS);
            }
            issued = issuance.issueValidated(command, IssuanceRequest.Validation.ACME_CHALLENGE);
        } catch (RuntimeException e) {
            TrustChainException refusal = TrustChainException.find(e);
            AcmeProblem problem = refusal != null ? AcmeProblems.ofIssuance(refusal)
                    : new AcmeProblem(Type.SERVER_INTERNAL, "issuance failed: " + e);
            tx(() -> store.moveOrder(id, AcmeStatus.PROCESSING.json(), AcmeStatus.INVALID.json(), problem.toJson()));
            throw problem;
        }
        StringBuilder chain = new StringBuilder(issued.certificatePem());
        issued.chainPem().forEach(chain::append);
        AcmeOrder finished = tx(() -> {
            store.orderIssued(id, issued.serialNumber(), chain.toString());
            audit.record(new AuditEvent(caller.name(), "acme.order.valid", "acme_order", id,
                    Map.of("serial", issued.serialNumber(), "validation", String.join(",", store.validatedBy(id)), "acme_account", Long.toString(acme.id()))));
            return store.findOrder(id).orElseThrow();
        });
        return orderReply(urls, finished, 200);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The certificate chain of order {@code id}; {@code id} "{order}/{n}" is its n-th alternate
     * chain ({@link AlternateChains}). Each reply links the other chains as rel="alternate".
     */
    private Out certificate(String id, AcmeUrls urls, AcmeAccount acme) {
        int slash = id.indexOf('/');
        String orderId = slash < 0 ? id : id.substring(0, slash);
        int alternate = 0;
        if (slash >= 0) {
            try {
                alternate = Integer.parseInt(id.substring(slash + 1));
            } catch (NumberFormatException e) {
                alternate = -1;
            }
        }
        AcmeOrder order = order(orderId, acme);
        if (order.certificateChain() == null) {
            throw new AcmeProblem(Type.MALFORMED, 404, "order " + orderId + " has no certificate (it is " + order.status() + ")");
        }
        List<String> links = tx(() -> alternates.linksFor(order.certificateSerial()));
        if (alternate < 0 || alternate > links.size() || slash >= 0 && alternate == 0) {
            throw new AcmeProblem(Type.MALFORMED, 404, "order " + orderId + " has " + links.size() + " alternate chain(s); there is no " + id);
        }
        Out out = new Out(200, "application/pem-certificate-chain",
                alternate == 0 ? order.certificateChain() : order.certificateChain() + links.get(alternate - 1), new LinkedHashMap<>());
        for (int i = 0; i <= links.size(); i++) {
            if (i != alternate) {
                out.header("Link", "<" + urls.certificate(i == 0 ? orderId : orderId + "/" + i) + ">;rel=\"alternate\"");
            }
        }
        return out;
    }

    /** By the account that ordered it ("kid"), or by the certificate's own key ("jwk"), RFC 8555 7.6. */
    private Out revoke(Jws jws, Signer signer) {
        JsonObject payload = jws.payload();
        if (!(payload.get("certificate") instanceof JsonString certificate)) {
            throw new AcmeProblem(Type.MALFORMED, "revokeCert needs {\"certificate\": base64url DER}");
        }
        X509CertificateHolder holder;
        try {
            holder = new X509CertificateHolder(Base64Url.decode(certificate.getString(), "\"certificate\""));
        } catch (IOException | RuntimeException e) {
            if (e instanceof AcmeProblem p) {
                throw p;
            }
            throw new AcmeProblem(Type.MALFORMED, "\"certificate\" is not a DER certificate: " + e.getMessage());
        }
        String serial = SerialNumbers.toHex(holder.getSerialNumber());
        // The certificate must be exactly the one this CA issued under that serial: otherwise anyone
        // could make up a certificate with a victim's serial and their own key, and "prove" control of it.
        byte[] presented;
        try {
            presented = holder.getEncoded();
        } catch (IOException e) {
            throw new AcmeProblem(Type.MALFORMED, "\"certificate\" cannot be re-encoded: " + e.getMessage());
        }
        boolean issuedHere = tx(() -> certificates.find(serial)).filter(r -> r.der() != null && Arrays.equals(r.der(), presented)).isPresent();
        if (!issuedHere) {
            throw new AcmeProblem(Type.UNAUTHORIZED, "certificate " + serial + " is not a certificate this CA issued");
        }
        int code = payload.get("reason") instanceof JsonNumber n ? n.intValue() : 0;
        String reason = RevocationReason.fromCode(code).filter(r -> r != RevocationReason.REMOVE_FROM_CRL && r != RevocationReason.CERTIFICATE_HOLD)
                .map(RevocationReason::apiName)
                .orElseThrow(() -> new AcmeProblem(Type.BAD_REVOCATION_REASON, "reason " + code + " is not one a subscriber may give (RFC 5280 5.3.1)"));
        AcmeOrder order = tx(() -> store.findOrderByCertificate(serial))
                .orElseThrow(() -> new AcmeProblem(Type.UNAUTHORIZED, "certificate " + serial + " was not issued through this ACME server"));
        AcmeAccount orderedBy = tx(() -> store.findAccount(order.acmeAccountId())).orElseThrow();
        if (signer.account() != null) {
            owns(signer.account(), order.acmeAccountId(), "certificate " + serial);
        } else if (!Jwk.of(holder.getSubjectPublicKeyInfo()).equals(signer.key())) {
            throw new AcmeProblem(Type.UNAUTHORIZED, "the request is signed neither by the account that ordered certificate " + serial
                    + " nor by the certificate's key");
        }
        Caller caller = orderedBy.accountName() == null ? null : boundAccounts.callerOf(orderedBy.accountName()).orElse(null);
        if (caller == null) {
            throw new AcmeProblem(Type.UNAUTHORIZED, "the account that ordered certificate " + serial + " is disabled");
        }
        try {
            revocation.revoke(serial, reason, caller);
        } catch (RuntimeException e) {
            TrustChainException refusal = TrustChainException.find(e);
            if (refusal == null) {
                throw e;
            }
            throw AcmeProblems.ofRevocation(refusal);
        }
        return new Out(200, null, null, new LinkedHashMap<>());
    }

    // --- EAB keys ---

    @Override
    public EabKeyView createEabKey(String accountName, Caller caller) {
        if (caller == null || !caller.has(Caller.Role.ADMIN)) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "only an administrator creates external account binding keys");
        }
        EabCredentials credentials = EabCredentials.draw(RANDOM);
        String kid = credentials.kid();
        byte[] key = credentials.hmacKey();
        Instant now = Instant.now();
        return txOrInternal(() -> {
            Account account = accounts.find(accountName)
                    .orElseThrow(() -> TrustChainException.notFound("no account '" + accountName + "'"));
            store.addEabKey(kid, account.id(), key, caller.name(), now);
            audit.record(new AuditEvent(caller.name(), "acme.eab.created", "account", account.name(), Map.of("kid", kid)));
            return new EabKeyView(kid, Base64Url.encode(key), account.name(), now);
        });
    }

    // --- replies, nonces, transactions ---

    private static Out problem(AcmeProblem p) {
        return new Out(p.status(), PROBLEM, p.toJson(), new LinkedHashMap<>());
    }

    private AcmeReply finish(AcmeUrls urls, Out out, boolean nonceOnly) {
        return finish(urls, out, nonceOnly, null);
    }

    /** @param stored a nonce stored already for this reply, or null to store one now */
    private AcmeReply finish(AcmeUrls urls, Out out, boolean nonceOnly, String stored) {
        String nonce = stored;
        try {
            if (nonce == null) {
                nonce = newNonce();
            }
        } catch (RuntimeException e) {
            // No nonce means no next request; say so rather than answer without one.
            return new AcmeReply(503, PROBLEM, new AcmeProblem(Type.SERVER_INTERNAL, 503, "no nonce could be stored: " + e.getMessage()).toJson(),
                    Map.of("Link", List.of("<" + urls.directory() + ">;rel=\"index\""), "Retry-After", List.of("5")));
        }
        out.header("Replay-Nonce", nonce);
        out.header("Link", "<" + urls.directory() + ">;rel=\"index\"");
        if (!nonceOnly) {
            out.header("Cache-Control", "no-store");
        }
        return new AcmeReply(out.status(), out.contentType(), out.body(), out.headers());
    }

    private String newNonce() {
        String nonce = newNonceValue();
        Instant now = Instant.now();
        tx(() -> {
            store.commitNoncesWithoutWaitingForDisk();
            return storeNonce(nonce, now);
        });
        return nonce;
    }

    private static String newNonceValue() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64Url.encode(bytes);
    }

    /** In the caller's transaction; true. */
    private boolean storeNonce(String nonce, Instant now) {
        store.addNonce(nonce, now.plus(NONCE_LIFETIME));
        if (RANDOM.nextInt(256) == 0) {
            store.deleteExpiredNonces(now); // about once per 256 nonces: the table stays about an hour's worth
        }
        return true;
    }

    private static String newId() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64Url.encode(bytes);
    }

    private static String actor(AcmeAccount account) {
        return account.accountName() != null ? account.accountName() : "acme:" + account.id();
    }

    private interface Work<T> {
        T run();
    }

    /** One short transaction; an AcmeProblem or TrustChainException passes through, rolled back. */
    private <T> T tx(Work<T> work) {
        try {
            transaction.begin();
        } catch (Exception e) {
            throw new AcmeProblem(Type.SERVER_INTERNAL, "cannot begin a transaction: " + e);
        }
        try {
            T result = work.run();
            transaction.commit();
            return result;
        } catch (AcmeProblem | TrustChainException e) {
            rollback();
            throw e;
        } catch (Exception e) {
            rollback();
            throw new AcmeProblem(Type.SERVER_INTERNAL, "the ACME state did not commit: " + e);
        }
    }

    private <T> T txOrInternal(Work<T> work) {
        try {
            return tx(work);
        } catch (AcmeProblem p) {
            throw new TrustChainException(ErrorKind.INTERNAL, p.detail());
        }
    }

    private void rollback() {
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        } catch (Exception e) {
            // the failure that brought us here is the one to report
        }
    }
}
