package online.hypermesh.trustchain.bench.ct;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} and bare {@code --switch} options, checked against the names a tool knows,
 * with typed getters that name the bad option. Immutable once parsed.
 */
final class Flags {
    private final Map<String, String> values;

    private Flags(Map<String, String> values) {
        this.values = values;
    }

    /**
     * @param valued   options that take a value
     * @param switches options without one (present means true)
     */
    static Flags parse(String[] argv, Set<String> valued, Set<String> switches) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'; options look like --name value");
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (switches.contains(name)) {
                value = "true";
            } else if (i + 1 < argv.length) {
                value = argv[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (!valued.contains(name) && !switches.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            if (values.put(name, value) != null) {
                throw new IllegalArgumentException("--" + name + " given twice");
            }
        }
        return new Flags(values);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    boolean bool(String name) {
        return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }

    int integer(String name, int fallback, int min, int max) {
        return (int) number(name, fallback, min, max);
    }

    long number(String name, long fallback, long min, long max) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, was '" + v + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException("--" + name + " must be between " + min + " and " + max + ", was " + n);
        }
        return n;
    }

    double decimal(String name, double fallback, double min, double max) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        double n;
        try {
            n = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, was '" + v + "'");
        }
        if (!(n >= min && n <= max)) {
            throw new IllegalArgumentException("--" + name + " must be between " + min + " and " + max + ", was " + v);
        }
        return n;
    }
}
