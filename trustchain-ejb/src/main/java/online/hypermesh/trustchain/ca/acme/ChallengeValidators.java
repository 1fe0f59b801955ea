package online.hypermesh.trustchain.ca.acme;

import java.net.InetAddress;
import java.util.List;

import online.hypermesh.trustchain.bridge.acme.AcmeProblem;
import online.hypermesh.trustchain.bridge.acme.AcmeProblem.Type;
import online.hypermesh.trustchain.bridge.acme.Http01Validator;
import online.hypermesh.trustchain.bridge.acme.Jwk;
import online.hypermesh.trustchain.bridge.acme.KeyAuthorization;
import online.hypermesh.trustchain.bridge.acme.NameResolver;
import online.hypermesh.trustchain.bridge.acme.TlsAlpn01Validator;
import online.hypermesh.trustchain.ca.config.AcmeSettings;

/**
 * The challenge types this server offers for a DNS identifier, each validated over the network
 * from this CA: http-01 (RFC 8555 8.3) and tls-alpn-01 (RFC 8737). A new authorization gets one
 * challenge of each; proving any one makes it valid (RFC 8555 7.1.4).
 */
final class ChallengeValidators {
    static final String HTTP_01 = "http-01";
    static final String TLS_ALPN_01 = "tls-alpn-01";
    static final List<String> OFFERED = List.of(HTTP_01, TLS_ALPN_01);

    private final Http01Validator http01;
    private final TlsAlpn01Validator tlsAlpn01;

    ChallengeValidators(AcmeSettings settings) {
        NameResolver resolver = new NameResolver(settings.resolvers(), settings.validationTimeout());
        http01 = new Http01Validator(resolver, settings.http01Port(), settings.validationTimeout());
        tlsAlpn01 = new TlsAlpn01Validator(resolver, settings.tlsAlpn01Port(), settings.validationTimeout());
    }

    /** @return the address control was proved from. @throws AcmeProblem why it was not */
    InetAddress validate(String type, String name, String token, Jwk accountKey) {
        String keyAuthorization = KeyAuthorization.of(token, accountKey);
        return switch (type) {
            case HTTP_01 -> http01.validate(name, token, keyAuthorization);
            case TLS_ALPN_01 -> tlsAlpn01.validate(name, keyAuthorization);
            default -> throw new AcmeProblem(Type.SERVER_INTERNAL, "no validator for challenge type " + type);
        };
    }
}
