package online.hypermesh.trustchain.ca.acme;

import online.hypermesh.trustchain.bridge.acme.JsonP;
import java.io.StringReader;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import online.hypermesh.trustchain.ca.domain.AcmeRepository.AcmeAccount;
import online.hypermesh.trustchain.ca.domain.AcmeRepository.AcmeAuthorization;
import online.hypermesh.trustchain.ca.domain.AcmeRepository.AcmeChallenge;
import online.hypermesh.trustchain.ca.domain.AcmeRepository.AcmeOrder;

/** The JSON objects of RFC 8555 section 7.1 for the stored state. */
final class AcmeJson {
    private AcmeJson() {
    }

    static JsonObject directory(AcmeUrls urls, boolean eabRequired) {
        return JsonP.JSON.createObjectBuilder()
                .add("newNonce", urls.newNonce())
                .add("newAccount", urls.base() + "new-account")
                .add("newOrder", urls.base() + "new-order")
                .add("revokeCert", urls.base() + "revoke-cert")
                .add("keyChange", urls.base() + "key-change")
                .add("renewalInfo", urls.renewalInfo())
                .add("meta", JsonP.JSON.createObjectBuilder().add("externalAccountRequired", eabRequired)
                        .add("website", urls.base().replaceFirst("/acme/$", "/")))
                .build();
    }

    static JsonObject account(AcmeUrls urls, AcmeAccount account) {
        JsonArrayBuilder contacts = JsonP.JSON.createArrayBuilder();
        account.contacts().forEach(contacts::add);
        return JsonP.JSON.createObjectBuilder().add("status", account.status()).add("contact", contacts)
                .add("orders", urls.account(account.id()) + "/orders").build();
    }

    static JsonObject orders(AcmeUrls urls, List<String> ids) {
        JsonArrayBuilder list = JsonP.JSON.createArrayBuilder();
        ids.forEach(id -> list.add(urls.order(id)));
        return JsonP.JSON.createObjectBuilder().add("orders", list).build();
    }

    static JsonObject order(AcmeUrls urls, AcmeOrder order, String status, List<AcmeAuthorization> authorizations) {
        JsonArrayBuilder identifiers = JsonP.JSON.createArrayBuilder();
        order.identifiers().forEach(n -> identifiers.add(identifier(n)));
        JsonArrayBuilder authz = JsonP.JSON.createArrayBuilder();
        authorizations.forEach(a -> authz.add(urls.authorization(a.id())));
        JsonObjectBuilder b = JsonP.JSON.createObjectBuilder().add("status", status).add("expires", time(order.expires()))
                .add("identifiers", identifiers).add("authorizations", authz).add("finalize", urls.finalizeOrder(order.id()));
        if (order.certificateSerial() != null) {
            b.add("certificate", urls.certificate(order.id()));
        }
        if (order.replaces() != null) {
            b.add("replaces", order.replaces());
        }
        if (order.error() != null) {
            b.add("error", JsonP.JSON.createReader(new StringReader(order.error())).readObject());
        }
        return b.build();
    }

    static JsonObject authorization(AcmeUrls urls, AcmeAuthorization authorization, String status, List<AcmeChallenge> challenges) {
        JsonArrayBuilder list = JsonP.JSON.createArrayBuilder();
        challenges.forEach(c -> list.add(challenge(urls, c)));
        // RFC 8555 7.1.4: a wildcard's authorization names the base domain and says "wildcard": true.
        String name = authorization.identifier();
        boolean wildcard = name.startsWith("*.");
        JsonObjectBuilder b = JsonP.JSON.createObjectBuilder().add("identifier", identifier(wildcard ? name.substring(2) : name)).add("status", status)
                .add("expires", time(authorization.expires())).add("challenges", list);
        if (wildcard) {
            b.add("wildcard", true);
        }
        return b.build();
    }

    static JsonObject challenge(AcmeUrls urls, AcmeChallenge challenge) {
        JsonObjectBuilder b = JsonP.JSON.createObjectBuilder().add("type", challenge.type()).add("url", urls.challenge(challenge.id()))
                .add("status", challenge.status()).add("token", challenge.token());
        if (challenge.validatedAt() != null && "valid".equals(challenge.status())) {
            b.add("validated", time(challenge.validatedAt()));
        }
        if (challenge.error() != null) {
            b.add("error", JsonP.JSON.createReader(new StringReader(challenge.error())).readObject());
        }
        return b.build();
    }

    private static JsonObject identifier(String name) {
        return JsonP.JSON.createObjectBuilder().add("type", "dns").add("value", name).build();
    }

    /** RFC 3339, whole seconds. */
    private static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
