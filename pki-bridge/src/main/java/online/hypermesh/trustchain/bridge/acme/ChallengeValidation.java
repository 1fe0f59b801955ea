package online.hypermesh.trustchain.bridge.acme;

import java.time.Duration;

/**
 * One network perspective's validation of a challenge by its type: http-01 (RFC 8555 8.3), dns-01
 * (8.4) or tls-alpn-01 (RFC 8737), all through this perspective's own resolver. The CA runs one
 * (its primary perspective); each remote perspective agent runs another.
 */
public final class ChallengeValidation {
    public static final String HTTP_01 = "http-01";
    public static final String DNS_01 = "dns-01";
    public static final String TLS_ALPN_01 = "tls-alpn-01";

    private final Http01Validator http01;
    private final Dns01Validator dns01;
    private final TlsAlpn01Validator tlsAlpn01;

    public ChallengeValidation(NameResolver resolver, int http01Port, int tlsAlpn01Port, Duration timeout) {
        http01 = new Http01Validator(resolver, http01Port, timeout);
        dns01 = new Dns01Validator(resolver);
        tlsAlpn01 = new TlsAlpn01Validator(resolver, tlsAlpn01Port, timeout);
    }

    /**
     * @param name the name control is proved for (a wildcard's base domain)
     * @return where control was proved: the address fetched from, or the resolvers that showed the TXT record
     * @throws AcmeProblem why it was not
     */
    public String validate(String type, String name, String token, String keyAuthorization) {
        return switch (type) {
            case HTTP_01 -> http01.validate(name, token, keyAuthorization).getHostAddress();
            case DNS_01 -> dns01.validate(name, keyAuthorization);
            case TLS_ALPN_01 -> tlsAlpn01.validate(name, keyAuthorization).getHostAddress();
            default -> throw new AcmeProblem(AcmeProblem.Type.MALFORMED, "no validation for challenge type '" + type + "'");
        };
    }
}
