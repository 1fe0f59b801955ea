package online.hypermesh.trustchain.ca.config;

import java.util.List;

/**
 * The CMP server (/pkix/, RFC 4210 / RFC 9483): the profile its enrollments are issued with, and
 * whether a client's request for implicit confirmation is granted (otherwise it must send certConf),
 * and how long a certificate waits for its certConf before it is revoked.
 */
public record CmpSettings(String profile, boolean implicitConfirm, java.time.Duration confirmWait) {

    public static final Setting<String> PROFILE = Setting.choice("trustchain.cmp.profile", "server", List.of("server", "client", "service"),
            "the certificate profile of every ir, cr, p10cr and kur (the account must be allowed it)");
    public static final Setting<Boolean> IMPLICIT_CONFIRM = Setting.flag("trustchain.cmp.implicitconfirm", true,
            "grant implicit confirmation when a request asks for it (RFC 4210 5.1.1.1); false: every enrollment waits for certConf");

    public static final Setting<Integer> CONFIRM_WAIT_SECONDS = Setting.integer("trustchain.cmp.confirm.wait.seconds", 600, 10, 86_400,
            "how long a certificate enrolled without implicit confirmation waits for its certConf; then it is revoked (RFC 4210 5.3.18)");

    static CmpSettings read(Settings s) {
        return new CmpSettings(s.get(PROFILE), s.get(IMPLICIT_CONFIRM), java.time.Duration.ofSeconds(s.get(CONFIRM_WAIT_SECONDS)));
    }
}
