package online.hypermesh.trustchain.ca.config;

import java.util.List;

/**
 * The CMP server (/pkix/, RFC 4210 / RFC 9483): the profile its enrollments are issued with, and
 * whether a client's request for implicit confirmation is granted (otherwise it must send certConf).
 */
public record CmpSettings(String profile, boolean implicitConfirm) {

    public static final Setting<String> PROFILE = Setting.choice("trustchain.cmp.profile", "server", List.of("server", "client", "service"),
            "the certificate profile of every ir, cr, p10cr and kur (the account must be allowed it)");
    public static final Setting<Boolean> IMPLICIT_CONFIRM = Setting.flag("trustchain.cmp.implicitconfirm", true,
            "grant implicit confirmation when a request asks for it (RFC 4210 5.1.1.1); false: every enrollment waits for certConf");

    static CmpSettings read(Settings s) {
        return new CmpSettings(s.get(PROFILE), s.get(IMPLICIT_CONFIRM));
    }
}
