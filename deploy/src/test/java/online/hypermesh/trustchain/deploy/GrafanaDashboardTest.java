package online.hypermesh.trustchain.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * deploy/grafana/trustchain.json: every query is wrapped as a recording rule and checked by
 * promtool, so none is a syntax error, and each names only metrics TrustChain exports.
 */
class GrafanaDashboardTest {
    /** Grafana's variables, replaced by what they stand for at query time. */
    private static final Map<String, String> VARIABLES = Map.of("$__rate_interval", "5m", "$instance", ".*");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?[A-Za-z_]+\\}?");

    @Test
    void everyQuery_passesPromtoolAsARecordingRule(@TempDir Path dir) throws IOException {
        Map<String, String> queries = queries();
        assertFalse(queries.isEmpty());
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode file = yaml.createObjectNode();
        ObjectNode group = file.putArray("groups").addObject().put("name", "dashboard");
        ArrayNode rules = group.putArray("rules");
        queries.forEach((id, expr) -> rules.addObject().put("record", "dashboard:" + id).put("expr", expr));
        Path rulesFile = dir.resolve("dashboard-rules.yml");
        yaml.writeValue(rulesFile.toFile(), file);
        Tools.Result r = Tools.run(dir, Tools.promtool().toString(), "check", "rules", rulesFile.toString());
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("SUCCESS: " + queries.size() + " rules found"), r.output());
    }

    @Test
    void everyQuery_usesOnlyCataloguedMetrics() throws IOException {
        Set<String> known = MetricCatalog.seriesNames();
        queries().forEach((id, expr) -> {
            Set<String> unknown = new TreeSet<>(MetricCatalog.namesIn(expr));
            unknown.removeAll(known);
            assertTrue(unknown.isEmpty(), id + " uses metrics TrustChain does not export: " + unknown);
        });
    }

    @Test
    void dashboard_coversTheGuidesFigures() throws IOException {
        String all = String.join("\n", queries().values());
        for (String name : List.of("trustchain_ca_certificates_issued_total", "trustchain_ca_issuance_duration_seconds_bucket",
                "trustchain_ca_revocations_total", "trustchain_ct_log_size", "trustchain_ct_append_duration_seconds_bucket",
                "trustchain_ct_merkle_proof_generation_seconds_bucket", "trustchain_dns_queries_total",
                "trustchain_dns_resolution_duration_seconds_bucket", "trustchain_dns_cache_hit_ratio",
                "trustchain_ca_certificate_expiry_timestamp_seconds", "trustchain_crl_this_update_timestamp_seconds",
                "trustchain_ca_issuance_enabled", "trustchain_ct_byzantine_detections_total")) {
            assertTrue(all.contains(name), "no panel shows " + name);
        }
    }

    /** Panel id and refId to the query with Grafana's variables substituted. */
    static Map<String, String> queries() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(Repository.deploy("grafana/trustchain.json")));
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                for (Map.Entry<String, String> v : VARIABLES.entrySet()) {
                    expr = expr.replace(v.getKey(), v.getValue());
                }
                Matcher leftover = VARIABLE.matcher(expr);
                assertFalse(leftover.find(), "panel " + panel.path("title").asText() + " uses an unknown variable: " + expr);
                queries.put("panel_" + panel.path("id").asInt() + "_" + target.path("refId").asText(), expr);
            }
        }
        return queries;
    }
}
