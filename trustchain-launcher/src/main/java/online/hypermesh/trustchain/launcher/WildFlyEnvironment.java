package online.hypermesh.trustchain.launcher;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Environment variables the launcher adds for WildFly. Everything else, including all
 * TRUSTCHAIN_* variables such as TRUSTCHAIN_REGION(S), reaches WildFly because it inherits
 * the launcher's environment. Pure, so it is unit-tested.
 */
final class WildFlyEnvironment {
    private WildFlyEnvironment() {
    }

    /**
     * @param inherited the launcher's environment (decides whether the operator supplied the
     *                  operator secret themselves)
     */
    static Map<String, String> additions(Map<String, String> inherited, DataDirectory data, DatabaseSettings db,
                                         String keystorePassword) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(LauncherSetting.DATA_DIR.env(), data.root().toString());
        env.put(LauncherSetting.DB_URL.env(), db.url());
        env.put(LauncherSetting.DB_USER.env(), db.user());
        env.put(LauncherSetting.DB_PASSWORD.env(), db.password());
        env.put("TRUSTCHAIN_TLS_KEYSTORE_PASSWORD", keystorePassword);
        if (!operatorSuppliesSecret(inherited)) {
            env.put(LauncherSetting.OPERATOR_SECRET_FILE.env(), data.operatorSecret().toString());
        }
        return env;
    }

    /** An operator-supplied secret (value or file) wins over the generated one. */
    static boolean operatorSuppliesSecret(Map<String, String> env) {
        return notBlank(LauncherSetting.OPERATOR_SECRET.in(env)) || notBlank(LauncherSetting.OPERATOR_SECRET_FILE.in(env));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
