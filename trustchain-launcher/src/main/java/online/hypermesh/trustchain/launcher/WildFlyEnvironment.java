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
        env.put("TRUSTCHAIN_DATA_DIR", data.root().toString());
        env.put("TRUSTCHAIN_DB_URL", db.url());
        env.put("TRUSTCHAIN_DB_USER", db.user());
        env.put("TRUSTCHAIN_DB_PASSWORD", db.password());
        env.put("TRUSTCHAIN_TLS_KEYSTORE_PASSWORD", keystorePassword);
        if (!operatorSuppliesSecret(inherited)) {
            env.put("TRUSTCHAIN_OPERATOR_SECRET_FILE", data.operatorSecret().toString());
        }
        return env;
    }

    /** An operator-supplied secret (value or file) wins over the generated one. */
    static boolean operatorSuppliesSecret(Map<String, String> env) {
        return notBlank(env.get("TRUSTCHAIN_OPERATOR_SECRET")) || notBlank(env.get("TRUSTCHAIN_OPERATOR_SECRET_FILE"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
