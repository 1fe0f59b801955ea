package online.hypermesh.trustchain.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** deploy/prometheus/alerts.yml: valid, unit-tested both ways, and only about metrics that exist. */
class PrometheusRulesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** The deployment guide's names, exactly. */
    private static final List<String> GUIDE_METRICS = List.of("trustchain_ca_certificates_issued_total",
            "trustchain_ca_issuance_duration_seconds", "trustchain_ca_revocations_total", "trustchain_ct_log_size",
            "trustchain_ct_append_duration_seconds", "trustchain_ct_merkle_proof_generation_seconds",
            "trustchain_dns_queries_total", "trustchain_dns_resolution_duration_seconds", "trustchain_dns_cache_hit_ratio");

    @Test
    void rules_passPromtoolCheck() {
        Tools.Result r = Tools.run(Repository.deploy("prometheus"), Tools.promtool().toString(), "check", "rules", "alerts.yml");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("SUCCESS"), r.output());
    }

    @Test
    void ruleUnitTests_pass() throws IOException {
        List<String> command = new ArrayList<>(List.of(Tools.promtool().toString(), "test", "rules"));
        testFiles().forEach(p -> command.add("tests/" + p.getFileName()));
        Tools.Result r = Tools.run(Repository.deploy("prometheus"), command);
        assertEquals(0, r.exit(), r.output());
        assertTrue(!r.output().contains("FAILED"), r.output());
    }

    @Test
    void everyAlert_hasATestThatFiresItAndOneThatKeepsItQuiet() throws IOException {
        Set<String> alerts = alertNames();
        Map<String, Set<String>> outcomes = new TreeMap<>();
        for (Path file : testFiles()) {
            for (JsonNode test : YAML.readTree(file.toFile()).path("tests")) {
                for (JsonNode check : test.path("alert_rule_test")) {
                    String outcome = check.path("exp_alerts").isEmpty() ? "quiet" : "fires";
                    outcomes.computeIfAbsent(check.path("alertname").asText(), k -> new TreeSet<>()).add(outcome);
                }
            }
        }
        for (String alert : alerts) {
            assertEquals(Set.of("fires", "quiet"), outcomes.getOrDefault(alert, Set.of()), alert + " needs a firing and a quiet test");
        }
        assertTrue(alerts.containsAll(outcomes.keySet()), "tests name alerts that do not exist: " + outcomes.keySet());
    }

    @Test
    void issueAlerts_allExist() throws IOException {
        assertTrue(alertNames().containsAll(List.of("TrustChainIssuanceLatencyHigh", "TrustChainCtAppendSlow",
                "TrustChainDnsResolutionSlow", "TrustChainAvailabilityLow", "TrustChainByzantineBehaviour",
                "TrustChainCaCertificateExpiring", "TrustChainOcspResponderExpiring", "TrustChainCrlStale",
                "TrustChainIssuanceSwitchedOff")), alertNames().toString());
    }

    @Test
    void rules_useOnlyCataloguedMetrics() throws IOException {
        Set<String> known = MetricCatalog.seriesNames();
        for (JsonNode rule : rules()) {
            Set<String> unknown = new TreeSet<>(MetricCatalog.namesIn(rule.path("expr").asText()));
            unknown.removeAll(known);
            assertTrue(unknown.isEmpty(), rule.path("alert").asText() + " uses metrics TrustChain does not export: " + unknown);
        }
    }

    @Test
    void catalog_hasTheGuidesNames() throws IOException {
        assertTrue(MetricCatalog.families().keySet().containsAll(GUIDE_METRICS), MetricCatalog.families().keySet().toString());
    }

    static List<JsonNode> rules() throws IOException {
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode group : YAML.readTree(Repository.deploy("prometheus/alerts.yml").toFile()).path("groups")) {
            group.path("rules").forEach(rules::add);
        }
        return rules;
    }

    private static Set<String> alertNames() throws IOException {
        Set<String> names = new TreeSet<>();
        rules().forEach(r -> names.add(r.path("alert").asText()));
        return names;
    }

    private static List<Path> testFiles() throws IOException {
        try (Stream<Path> files = Files.list(Repository.deploy("prometheus/tests"))) {
            return files.filter(p -> p.toString().endsWith(".test.yml")).sorted().toList();
        }
    }
}
