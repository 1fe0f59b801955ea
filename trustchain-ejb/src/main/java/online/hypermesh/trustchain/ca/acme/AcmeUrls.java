package online.hypermesh.trustchain.ca.acme;

import online.hypermesh.trustchain.bridge.acme.AcmeProblem;
import online.hypermesh.trustchain.bridge.acme.AcmeProblem.Type;
import online.hypermesh.trustchain.ca.api.AcmeService.Endpoint;

/**
 * The URLs of the ACME resources under one base ({@code https://host:port/acme/}, as the client
 * reached it): what a JWS's "url" must be, and the account URL that is a request's "kid".
 */
record AcmeUrls(String base) {
    AcmeUrls {
        if (!base.endsWith("/")) {
            base = base + "/";
        }
    }

    String directory() {
        return base + "directory";
    }

    String newNonce() {
        return base + "new-nonce";
    }

    String account(long id) {
        return base + "acct/" + id;
    }

    String order(String id) {
        return base + "order/" + id;
    }

    String finalizeOrder(String id) {
        return base + "order/" + id + "/finalize";
    }

    String authorization(String id) {
        return base + "authz/" + id;
    }

    String challenge(String id) {
        return base + "chall/" + id;
    }

    /** RFC 9773's renewalInfo resource; a certificate's is this plus "/" and its identifier. */
    String renewalInfo() {
        return base + "renewal-info";
    }

    String certificate(String orderId) {
        return base + "cert/" + orderId;
    }

    /** The URL a request to {@code endpoint} with {@code id} was sent to. */
    String of(Endpoint endpoint, String id) {
        return switch (endpoint) {
            case NEW_ACCOUNT -> base + "new-account";
            case NEW_ORDER -> base + "new-order";
            case REVOKE_CERT -> base + "revoke-cert";
            case KEY_CHANGE -> base + "key-change";
            case ACCOUNT -> base + "acct/" + id;
            case ACCOUNT_ORDERS -> base + "acct/" + id + "/orders";
            case ORDER -> order(id);
            case FINALIZE -> finalizeOrder(id);
            case AUTHORIZATION -> authorization(id);
            case CHALLENGE -> challenge(id);
            case CERTIFICATE -> certificate(id);
        };
    }

    /** The account id of a "kid"; accountDoesNotExist if it is no account URL of this server. */
    long accountId(String kid) {
        String prefix = base + "acct/";
        if (kid.startsWith(prefix)) {
            try {
                return Long.parseLong(kid.substring(prefix.length()));
            } catch (NumberFormatException e) {
                // below
            }
        }
        throw new AcmeProblem(Type.ACCOUNT_DOES_NOT_EXIST, "\"kid\" " + kid + " is not an account URL of this server (" + prefix + "<id>)");
    }
}
