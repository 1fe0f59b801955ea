package online.hypermesh.trustchain.ca.config;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Reads one setting by its name, e.g. {@code trustchain.region}: the system property of that
 * name wins, then the environment variable {@code TRUSTCHAIN_REGION}. Errors name both forms.
 */
public final class Settings {
    private final Properties properties;
    private final Map<String, String> environment;

    public Settings(Properties properties, Map<String, String> environment) {
        this.properties = properties;
        this.environment = environment;
    }

    public static Settings fromSystem() {
        return new Settings(System.getProperties(), System.getenv());
    }

    public static String envName(String name) {
        return name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public Optional<String> find(String name) {
        String value = properties.getProperty(name);
        if (value == null || value.isBlank()) {
            value = environment.get(envName(name));
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String get(String name, String defaultValue) {
        return find(name).orElse(defaultValue);
    }

    public String require(String name) {
        return find(name).orElseThrow(() -> invalid(name, "is not set"));
    }

    public int getInt(String name, int defaultValue, int min, int max) {
        Optional<String> raw = find(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                throw invalid(name, "must be between " + min + " and " + max + ", was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(name, "must be a whole number, was '" + raw.get() + "'");
        }
    }

    public static TrustChainException invalid(String name, String problem) {
        return new TrustChainException(ErrorKind.INTERNAL,
                "configuration setting " + name + " (environment " + envName(name) + ") " + problem);
    }
}
