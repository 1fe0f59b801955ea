package online.hypermesh.trustchain.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * deploy/kubernetes, offline: the base and every overlay render, every object validates against
 * the Kubernetes schemas (npm kubernetes-models through Node), and the policies a production CA
 * needs hold in each rendering ({@link ManifestPolicies}).
 */
class KubernetesManifestsTest {
    private static final List<String> RENDERINGS = List.of("base", "overlays/staging", "overlays/production");

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/staging", "overlays/production"})
    void rendering_validatesAgainstTheKubernetesSchemas(String dir, @TempDir Path out) throws IOException {
        List<ObjectNode> objects = Kustomize.render(Repository.deploy("kubernetes/" + dir));
        List<String> files = new ArrayList<>(List.of(Tools.node().toString(), "validate-kubernetes.mjs"));
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < objects.size(); i++) {
            Path f = out.resolve(i + "-" + objects.get(i).path("kind").asText() + ".json");
            json.writeValue(f.toFile(), objects.get(i));
            files.add(f.toString());
        }
        Tools.Result r = Tools.run(Repository.deploy("validate"), files);
        assertEquals(0, r.exit(), r.output());
        JsonNode report = json.readTree(r.output());
        assertEquals(objects.size(), report.path("documents").asInt(), r.output());
        assertTrue(report.path("errors").isEmpty(), r.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/staging", "overlays/production"})
    void rendering_meetsThePolicies(String dir) throws IOException {
        List<String> violations = ManifestPolicies.check(Kustomize.render(Repository.deploy("kubernetes/" + dir)));
        assertTrue(violations.isEmpty(), dir + ":\n  " + String.join("\n  ", violations));
    }

    @Test
    void base_hasTheIssuesObjects() throws IOException {
        Map<String, Set<String>> byKind = new TreeMap<>();
        for (ObjectNode o : Kustomize.render(Repository.deploy("kubernetes/base"))) {
            byKind.computeIfAbsent(o.path("kind").asText(), k -> new HashSet<>()).add(o.path("metadata").path("name").asText());
        }
        assertTrue(byKind.get("StatefulSet").containsAll(Set.of("trustchain-ca", "trustchain-ct")), byKind.toString());
        assertTrue(byKind.get("Service").containsAll(Set.of("trustchain-ca", "trustchain-ct", "trustchain-dns")), byKind.toString());
        assertTrue(byKind.get("HorizontalPodAutoscaler").containsAll(Set.of("trustchain-ca", "trustchain-ct")), byKind.toString());
        assertTrue(byKind.get("PodDisruptionBudget").containsAll(Set.of("trustchain-ca", "trustchain-ct")), byKind.toString());
        assertTrue(byKind.get("CronJob").contains("trustchain-backup"), byKind.toString());
        assertTrue(byKind.get("Secret").containsAll(Set.of("trustchain-operator", "trustchain-hsm")), byKind.toString());
        assertTrue(byKind.get("NetworkPolicy").contains("default-deny"), byKind.toString());
    }

    @Test
    void production_replacesThePlaceholderImage_andTheSubnets() throws IOException {
        String rendered = Kustomize.render(Repository.deploy("kubernetes/overlays/production")).toString();
        assertFalse(rendered.contains("registry.example/trustchain:"), rendered);
        assertFalse(rendered.contains("fd00:10:0:"), "production still uses the base's placeholder subnets");
    }

    @Test
    void policies_catchWhatTheyAreFor() throws IOException {
        List<ObjectNode> objects = Kustomize.render(Repository.deploy("kubernetes/base"));
        ObjectNode ca = objects.stream().filter(o -> o.path("metadata").path("name").asText().equals("trustchain-ca")
                && o.path("kind").asText().equals("StatefulSet")).findFirst().orElseThrow();
        ObjectNode container = Kustomize.containers(ca).get(0);
        container.remove("resources");
        container.remove("readinessProbe");
        ((ObjectNode) container.get("securityContext")).put("readOnlyRootFilesystem", false);
        ((ObjectNode) Kustomize.podSpec(ca).get("securityContext")).put("runAsNonRoot", false);
        objects.stream().filter(o -> o.path("metadata").path("name").asText().equals("trustchain-dns")).findFirst().orElseThrow()
                .with("spec").put("ipFamilyPolicy", "PreferDualStack");
        objects.stream().filter(o -> o.path("metadata").path("name").asText().equals("trustchain-hsm")).findFirst().orElseThrow()
                .putObject("stringData").put("ca-private-key.pem", "-----BEGIN PRIVATE KEY-----");
        objects.removeIf(o -> o.path("metadata").path("name").asText().equals("default-deny"));
        String violations = String.join("\n", ManifestPolicies.check(objects));
        for (String expected : List.of("no resource limits", "no readiness probe", "read-only root file system", "runAsNonRoot",
                "IPv6 single-stack", "Secret trustchain-hsm carries data", "no default-deny")) {
            assertTrue(violations.contains(expected), "expected '" + expected + "' in:\n" + violations);
        }
    }
}
