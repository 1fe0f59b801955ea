package online.hypermesh.trustchain.ca.config;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.eclipse.microprofile.config.Config;

/** Where raw setting values come from: MicroProfile Config on the server, plain maps in tests. */
@FunctionalInterface
public interface SettingsSource {

    /** The raw value of a property, empty when it is not set or blank. */
    Optional<String> value(String name);

    /**
     * MicroProfile Config: system properties (ordinal 400) before environment variables (300),
     * which it finds by the exact name, then with every character other than letters, digits and
     * underscore replaced by an underscore, then that in upper case ({@code TRUSTCHAIN_CRL_VALIDITY_HOURS}).
     * The raw value is taken: TrustChain never expanded {@code ${...}} in a setting, and a secret
     * may well contain those characters.
     */
    static SettingsSource of(Config config) {
        return name -> Optional.ofNullable(config.getConfigValue(name).getRawValue()).filter(v -> !v.isBlank());
    }

    /** The same lookup over given maps, so tests need no running server. */
    static SettingsSource of(Properties properties, Map<String, String> environment) {
        return name -> {
            String value = properties.getProperty(name);
            if (value == null || value.isBlank()) {
                String sanitized = name.replaceAll("[^A-Za-z0-9_]", "_");
                value = environment.get(name);
                if (value == null || value.isBlank()) {
                    value = environment.get(sanitized);
                }
                if (value == null || value.isBlank()) {
                    value = environment.get(sanitized.toUpperCase(java.util.Locale.ROOT));
                }
            }
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
        };
    }
}
