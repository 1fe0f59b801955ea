package online.hypermesh.trustchain.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** deploy/prometheus/metrics.txt: the metric families TrustChain exports, with their types. */
final class MetricCatalog {
    private static final Pattern NAME = Pattern.compile("\\btrustchain_[a-z0-9_]+\\b");

    /** name to type (counter, gauge, histogram). */
    static Map<String, String> families() throws IOException {
        Map<String, String> families = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Repository.deploy("prometheus/metrics.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.trim().split("\\s+");
            families.put(parts[0], parts[1]);
        }
        return families;
    }

    /** Every series name a query may use: histograms as _bucket, _count and _sum. */
    static Set<String> seriesNames() throws IOException {
        Set<String> names = new TreeSet<>();
        families().forEach((name, type) -> {
            if (type.equals("histogram")) {
                names.add(name + "_bucket");
                names.add(name + "_count");
                names.add(name + "_sum");
                names.add(name + "_max");
            } else {
                names.add(name);
            }
        });
        return names;
    }

    /** The trustchain_* names a PromQL expression uses. */
    static Set<String> namesIn(String expr) {
        Set<String> found = new TreeSet<>();
        Matcher m = NAME.matcher(expr);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private MetricCatalog() {
    }
}
