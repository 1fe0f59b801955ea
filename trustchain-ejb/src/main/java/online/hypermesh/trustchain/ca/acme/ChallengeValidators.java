package online.hypermesh.trustchain.ca.acme;

import java.util.List;

import online.hypermesh.trustchain.bridge.acme.AcmeProblem;
import online.hypermesh.trustchain.bridge.acme.AcmeProblem.Type;
import online.hypermesh.trustchain.bridge.acme.Dns01Validator;
import online.hypermesh.trustchain.bridge.acme.Http01Validator;
import online.hypermesh.trustchain.bridge.acme.Jwk;
import online.hypermesh.trustchain.bridge.acme.KeyAuthorization;
import online.hypermesh.trustchain.bridge.acme.NameResolver;
import online.hypermesh.trustchain.bridge.acme.TlsAlpn01Validator;
import online.hypermesh.trustchain.ca.config.AcmeSettings;

/**
 * The challenge types this server offers for a DNS identifier, each validated over the network
 * from this CA: http-01 (RFC 8555 8.3), dns-01 (8.4) and tls-alpn-01 (RFC 8737). A new
 * authorization gets one challenge of each; proving any one makes it valid (RFC 8555 7.1.4).
 * For names in the mesh zone, clients place dns-01 records by RFC 2136 update (ca.dns).
 */
final class ChallengeValidators {
    static final String HTTP_01 = "http-01";
    static final String DNS_01 = "dns-01";
    static final String TLS_ALPN_01 = "tls-alpn-01";
    static final List<String> OFFERED = List.of(HTTP_01, DNS_01, TLS_ALPN_01);
    static final List<String> OFFERED_FOR_WILDCARD = List.of(DNS_01);
    /** validated_from is varchar(64) (V20). */
    private static final int RECORDED_LENGTH = 64;

    private final Http01Validator http01;
    private final Dns01Validator dns01;
    private final TlsAlpn01Validator tlsAlpn01;

    ChallengeValidators(AcmeSettings settings) {
        NameResolver resolver = new NameResolver(settings.resolvers(), settings.validationTimeout());
        http01 = new Http01Validator(resolver, settings.http01Port(), settings.validationTimeout());
        dns01 = new Dns01Validator(resolver);
        tlsAlpn01 = new TlsAlpn01Validator(resolver, settings.tlsAlpn01Port(), settings.validationTimeout());
    }

    /** The challenges of a new authorization for an order's name: a wildcard ({@code *.x}) is proved by dns-01 at x only (RFC 8555 7.1.3). */
    static List<String> offeredFor(String name) {
        return name.startsWith("*.") ? OFFERED_FOR_WILDCARD : OFFERED;
    }

    /** @return where control was proved: the address fetched from, or the resolvers that showed the TXT record. @throws AcmeProblem why not */
    String validate(String type, String name, String token, Jwk accountKey) {
        String keyAuthorization = KeyAuthorization.of(token, accountKey);
        String from = switch (type) {
            case HTTP_01 -> http01.validate(name, token, keyAuthorization).getHostAddress();
            case DNS_01 -> dns01.validate(name, keyAuthorization);
            case TLS_ALPN_01 -> tlsAlpn01.validate(name, keyAuthorization).getHostAddress();
            default -> throw new AcmeProblem(Type.SERVER_INTERNAL, "no validator for challenge type " + type);
        };
        return from.length() <= RECORDED_LENGTH ? from : from.substring(0, RECORDED_LENGTH - 3) + "...";
    }
}
