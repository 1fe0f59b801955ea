package online.hypermesh.trustchain.ca.config;

import java.time.Duration;
import java.util.List;

/**
 * The SCEP server (/scep on the HTTP listener, RFC 8894): whether it answers, how long a
 * challenge password made by an administrator stays usable, and the profile its certificates
 * are issued under. {@code client} by default: SCEP enrolls devices and users (MDM, network
 * access, VPN), whose certificates authenticate a client; a TLS server gets its certificate by ACME.
 */
public record ScepSettings(boolean enabled, Duration challengeLifetime, String profile) {

    public static final Setting<Boolean> ENABLED = Setting.flag("trustchain.scep.enabled", true,
            "answer SCEP at /scep on the HTTP listener (issuing needs a challenge an administrator made, or a valid certificate to renew)");
    public static final Setting<Integer> CHALLENGE_LIFETIME_MINUTES = Setting.integer("trustchain.scep.challenge.lifetime.minutes", 60, 1, 10_080,
            "how long a SCEP challenge password (POST /api/v1/accounts/{name}/scep-challenges) can be used, in minutes; it is used once");
    public static final Setting<String> PROFILE = Setting.choice("trustchain.scep.profile", "client", List.of("client", "server", "service"),
            "the certificate profile SCEP requests are issued under (client: TLS client authentication, for devices and users)");

    static ScepSettings read(Settings s) {
        return new ScepSettings(s.get(ENABLED), Duration.ofMinutes(s.get(CHALLENGE_LIFETIME_MINUTES)), s.get(PROFILE));
    }
}
