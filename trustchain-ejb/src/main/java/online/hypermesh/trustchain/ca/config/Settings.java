package online.hypermesh.trustchain.ca.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Reads declared settings from a {@link SettingsSource} and collects every problem instead of
 * stopping at the first: a section reads all its settings (a bad one yields its default so the
 * others can still be checked), then {@link #throwIfInvalid()} reports them all in one message,
 * each naming the setting in both spellings and what it allows.
 */
public final class Settings {
    private final SettingsSource source;
    private final List<String> problems = new ArrayList<>();

    public Settings(SettingsSource source) {
        this.source = source;
    }

    /** System properties over environment variables, the way MicroProfile Config looks them up. */
    public Settings(Properties properties, Map<String, String> environment) {
        this(SettingsSource.of(properties, environment));
    }

    /** The value if the setting is set and valid; empty (and a problem recorded) if it is invalid. */
    public <T> Optional<T> find(Setting<T> setting) {
        Optional<String> raw = source.value(setting.name()).map(String::trim);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(setting.parse(raw.get()));
        } catch (IllegalArgumentException e) {
            reject(setting, setting.secret() ? "is not valid (the value is secret and not shown): " + e.getMessage() : e.getMessage());
            return Optional.empty();
        }
    }

    /** The value, or the declared default when it is not set or invalid. */
    public <T> T get(Setting<T> setting) {
        return find(setting).orElse(setting.defaultValue());
    }

    /** The value, or a default the section computed (a setting whose default depends on others). */
    public <T> T get(Setting<T> setting, T computedDefault) {
        return find(setting).orElse(computedDefault);
    }

    /** The value of a setting without a default; a problem when it is not set. Null then. */
    public <T> T require(Setting<T> setting) {
        if (source.value(setting.name()).isEmpty()) {
            reject(setting, "is not set");
            return null;
        }
        return find(setting).orElse(null);
    }

    /** A property of the platform, not TrustChain's (WildFly's {@code jboss.*}), read from the same source. */
    public Optional<String> platform(String name) {
        return source.value(name).map(String::trim);
    }

    /** WildFly's {@code jboss.socket.binding.port-offset}, which TrustChain's own listeners follow. */
    public int portOffset() {
        Optional<String> raw = platform("jboss.socket.binding.port-offset");
        try {
            return raw.map(Integer::parseInt).orElse(0);
        } catch (NumberFormatException e) {
            problems.add("jboss.socket.binding.port-offset must be a whole number, was '" + raw.get() + "'");
            return 0;
        }
    }

    /** Records a problem the section found in a value (one that parsed but does not fit the others). */
    public void reject(Setting<?> setting, String problem) {
        problems.add(describe(setting.name(), problem));
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Stops start-up with every problem recorded so far, if there is one. */
    public void throwIfInvalid() {
        if (problems.size() == 1) {
            throw new TrustChainException(ErrorKind.INTERNAL, problems.get(0));
        }
        if (!problems.isEmpty()) {
            throw new TrustChainException(ErrorKind.INTERNAL, problems.size() + " configuration settings are invalid:\n  "
                    + String.join("\n  ", problems));
        }
    }

    /** An error found when a setting is used (a file it names cannot be read), in the same form. */
    public static TrustChainException invalid(Setting<?> setting, String problem) {
        return new TrustChainException(ErrorKind.INTERNAL, describe(setting.name(), problem));
    }

    private static String describe(String name, String problem) {
        return "configuration setting " + name + " (environment " + Setting.environmentName(name) + ") " + problem;
    }
}
