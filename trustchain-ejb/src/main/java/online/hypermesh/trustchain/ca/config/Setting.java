package online.hypermesh.trustchain.ca.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * The declaration of one setting: its name (a system property; the environment variable is
 * {@link #environmentName()}), the type and range of its values, its default and what it means.
 * A setting is declared once, as a constant of the section that reads it, and README.md's
 * settings reference lists it with the same default ({@code SettingsReferenceTest} checks both
 * directions).
 *
 * <p>The parser turns the trimmed text into the value or throws {@link IllegalArgumentException}
 * whose message completes the sentence "configuration setting X (environment Y) ...", for
 * example "must be between 1 and 168, was 0".
 *
 * @param defaultValue the value when the setting is not set; null when the section computes it
 *     from other settings (then {@code defaultText} says how) or when there is none
 * @param defaultText the default as the reference shows it
 * @param secret the value is never repeated in an error message
 */
public record Setting<T>(String name, String type, T defaultValue, String defaultText, String description, boolean secret,
                         Function<String, T> parser) {

    public Setting {
        Objects.requireNonNull(name);
        Objects.requireNonNull(parser);
        if (!name.matches("trustchain(\\.[a-z0-9]+)+")) {
            throw new IllegalArgumentException("setting names are trustchain. and dot-separated lower-case words: " + name);
        }
    }

    /** The environment spelling MicroProfile Config maps to the name: upper case, every dot an underscore. */
    public String environmentName() {
        return environmentName(name);
    }

    public static String environmentName(String name) {
        return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public T parse(String text) {
        return parser.apply(text);
    }

    public Setting<T> secretValue() {
        return new Setting<>(name, type, defaultValue, defaultText, description, true, parser);
    }

    /** Free text. */
    public static Setting<String> text(String name, String defaultValue, String description) {
        return new Setting<>(name, "text", defaultValue, defaultValue == null ? "none" : defaultValue, description, false, t -> t);
    }

    /** Free text whose default is computed by the section, as {@code defaultText} describes. */
    public static Setting<String> text(String name, String defaultText, String description, Function<String, String> parser) {
        return new Setting<>(name, "text", null, defaultText, description, false, parser);
    }

    /** A whole number in [min, max]. */
    public static Setting<Integer> integer(String name, int defaultValue, int min, int max, String description) {
        return new Setting<>(name, "integer " + min + "-" + max, defaultValue, Integer.toString(defaultValue), description, false,
                t -> Values.integer(t, min, max));
    }

    /** A whole number in [min, max] whose default the section computes, as {@code defaultText} says. */
    public static Setting<Integer> integer(String name, String defaultText, int min, int max, String description) {
        return new Setting<>(name, "integer " + min + "-" + max, null, defaultText, description, false, t -> Values.integer(t, min, max));
    }

    /** true or false. */
    public static Setting<Boolean> flag(String name, boolean defaultValue, String description) {
        return new Setting<>(name, "true/false", defaultValue, Boolean.toString(defaultValue), description, false, Values::flag);
    }

    /** One of the given words. */
    public static Setting<String> choice(String name, String defaultValue, List<String> allowed, String description) {
        return new Setting<>(name, String.join("/", allowed), defaultValue, defaultValue, description, false, t -> {
            if (!allowed.contains(t)) {
                throw new IllegalArgumentException("is '" + t + "'; supported: " + String.join(", ", allowed));
            }
            return t;
        });
    }

    /** Anything else: the type as the reference names it and a parser of its own. */
    public static <T> Setting<T> of(String name, String type, T defaultValue, String defaultText, String description,
                                    Function<String, T> parser) {
        return new Setting<>(name, type, defaultValue, defaultText, description, false, parser);
    }
}
