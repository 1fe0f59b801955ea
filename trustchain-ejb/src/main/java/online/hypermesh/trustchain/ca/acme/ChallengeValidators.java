package online.hypermesh.trustchain.ca.acme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

import online.hypermesh.trustchain.bridge.acme.AcmeProblem;
import online.hypermesh.trustchain.bridge.acme.AcmeProblem.Type;
import online.hypermesh.trustchain.bridge.acme.Base64Url;
import online.hypermesh.trustchain.bridge.acme.ChallengeValidation;
import online.hypermesh.trustchain.bridge.acme.Jwk;
import online.hypermesh.trustchain.bridge.acme.KeyAuthorization;
import online.hypermesh.trustchain.bridge.acme.NameResolver;
import online.hypermesh.trustchain.bridge.perspective.Corroboration;
import online.hypermesh.trustchain.bridge.perspective.PerspectiveClient;
import online.hypermesh.trustchain.bridge.perspective.PerspectiveClient.Remote;
import online.hypermesh.trustchain.bridge.perspective.PerspectiveReply;
import online.hypermesh.trustchain.bridge.perspective.PerspectiveRequest;
import online.hypermesh.trustchain.ca.config.AcmeSettings;
import online.hypermesh.trustchain.ca.domain.AcmeRepository.PerspectiveResult;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * The challenge types this server offers for a DNS identifier, validated over the network: http-01
 * (RFC 8555 8.3), dns-01 (8.4) and tls-alpn-01 (RFC 8737). A new authorization gets one challenge
 * of each (a wildcard dns-01 only); proving any one makes it valid (RFC 8555 7.1.4). For names in
 * the mesh zone, clients place dns-01 records by RFC 2136 update (ca.dns).
 *
 * <p>Each validation runs from the CA itself (the primary perspective) and, when
 * {@code trustchain.acme.perspectives} names remote ones, from each of them at the same time; it
 * succeeds when the primary does and no more remote ones fail than {@link Corroboration} allows.
 * Every perspective's result is kept ({@link Outcome#perspectives}).
 */
final class ChallengeValidators {
    static final String HTTP_01 = ChallengeValidation.HTTP_01;
    static final String DNS_01 = ChallengeValidation.DNS_01;
    static final String TLS_ALPN_01 = ChallengeValidation.TLS_ALPN_01;
    static final List<String> OFFERED = List.of(HTTP_01, DNS_01, TLS_ALPN_01);
    static final List<String> OFFERED_FOR_WILDCARD = List.of(DNS_01);
    static final String PRIMARY = "primary";
    /** validated_from is varchar(64) (V20, V27). */
    private static final int RECORDED_LENGTH = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ChallengeValidation primary;
    private final List<Remote> remotes;
    private final PerspectiveClient client;

    ChallengeValidators(AcmeSettings settings) {
        NameResolver resolver = new NameResolver(settings.resolvers(), settings.validationTimeout());
        primary = new ChallengeValidation(resolver, settings.http01Port(), settings.tlsAlpn01Port(), settings.validationTimeout());
        remotes = settings.perspectives();
        client = remotes.isEmpty() ? null : new PerspectiveClient(secret(settings), settings.validationTimeout());
    }

    private static byte[] secret(AcmeSettings settings) {
        var file = settings.perspectiveSecretFile().orElseThrow();
        try {
            byte[] secret = Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
            if (secret.length < 16) {
                throw TrustChainException.internal(AcmeSettings.PERSPECTIVE_SECRET_FILE.name() + ": " + file + " holds fewer than 16 bytes", null);
            }
            return secret;
        } catch (IOException e) {
            throw TrustChainException.internal("cannot read " + AcmeSettings.PERSPECTIVE_SECRET_FILE.name() + " " + file + ": " + e.getMessage(), e);
        }
    }

    /** The challenges of a new authorization for an order's name: a wildcard ({@code *.x}) is proved by dns-01 at x only (RFC 8555 7.1.3). */
    static List<String> offeredFor(String name) {
        return name.startsWith("*.") ? OFFERED_FOR_WILDCARD : OFFERED;
    }

    /**
     * @param validatedFrom where the primary perspective saw the proof, null when the validation failed
     * @param failure       why it failed (the primary's problem, or too few remote perspectives agreeing), null when it succeeded
     */
    record Outcome(String validatedFrom, AcmeProblem failure, List<PerspectiveResult> perspectives) {
    }

    /** From every perspective at once; never throws for what the network did. */
    Outcome validate(String type, String name, String token, Jwk accountKey, Executor executor) {
        String keyAuthorization = KeyAuthorization.of(token, accountKey);
        byte[] n = new byte[16];
        RANDOM.nextBytes(n);
        PerspectiveRequest request = new PerspectiveRequest(type, name, token, keyAuthorization, Base64Url.encode(n), Instant.now());
        List<CompletableFuture<PerspectiveResult>> asked = new ArrayList<>();
        for (Remote remote : remotes) {
            asked.add(CompletableFuture.supplyAsync(() -> remote(remote, request), executor));
        }
        PerspectiveResult own;
        AcmeProblem ownProblem = null;
        try {
            own = new PerspectiveResult(PRIMARY, true, recorded(primary.validate(type, name, token, keyAuthorization)), null);
        } catch (AcmeProblem p) {
            ownProblem = p;
            own = new PerspectiveResult(PRIMARY, false, null, p.toJson());
        } catch (RuntimeException e) {
            ownProblem = new AcmeProblem(Type.CONNECTION, "validation of " + name + " failed: " + e);
            own = new PerspectiveResult(PRIMARY, false, null, ownProblem.toJson());
        }
        List<PerspectiveResult> all = new ArrayList<>();
        all.add(own);
        asked.forEach(f -> all.add(f.join()));
        if (ownProblem != null) {
            return new Outcome(null, ownProblem, all);
        }
        List<PerspectiveResult> failed = all.subList(1, all.size()).stream().filter(r -> !r.valid()).toList();
        if (!Corroboration.corroborated(true, remotes.size(), failed.size())) {
            String why = failed.stream().map(r -> r.perspective() + ": " + r.error()).collect(Collectors.joining("; "));
            return new Outcome(null, new AcmeProblem(Type.UNAUTHORIZED, "validated from this CA, but " + failed.size() + " of " + remotes.size()
                    + " remote perspectives did not corroborate (at most " + Corroboration.allowedFailures(remotes.size()) + " may fail): " + why), all);
        }
        return new Outcome(own.validatedFrom(), null, all);
    }

    private PerspectiveResult remote(Remote remote, PerspectiveRequest request) {
        try {
            PerspectiveReply reply = client.validate(remote, request);
            return reply.valid() ? new PerspectiveResult(remote.name(), true, recorded(reply.validatedFrom()), null)
                    : new PerspectiveResult(remote.name(), false, null, reply.problemType() + ": " + reply.detail());
        } catch (RuntimeException e) {
            return new PerspectiveResult(remote.name(), false, null, "no verdict: " + e.getMessage());
        }
    }

    private static String recorded(String from) {
        if (from == null) {
            return null;
        }
        return from.length() <= RECORDED_LENGTH ? from : from.substring(0, RECORDED_LENGTH - 3) + "...";
    }
}
