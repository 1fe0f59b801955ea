package online.hypermesh.trustchain.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The part of kustomize that deploy/kubernetes uses, so the overlays can be rendered and checked
 * without a kustomize binary: resources (files and directories), strategic-merge patches
 * (objects merged by key, lists of named objects merged by name, other lists replaced), images
 * and replicas. A kustomization using anything else fails here rather than being half applied.
 */
final class Kustomize {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "patches", "images", "replicas");

    private Kustomize() {
    }

    static List<ObjectNode> render(Path dir) throws IOException {
        JsonNode k = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        for (Iterator<String> it = k.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!SUPPORTED.contains(field)) {
                throw new AssertionError(dir + "/kustomization.yaml uses '" + field + "', which this renderer does not implement");
            }
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            objects.addAll(Files.isDirectory(p) ? render(p) : load(p));
        }
        for (JsonNode patch : k.path("patches")) {
            for (ObjectNode change : load(dir.resolve(patch.path("path").asText()))) {
                ObjectNode target = find(objects, change.path("kind").asText(), change.path("metadata").path("name").asText(), dir);
                merge(target, change);
            }
        }
        for (JsonNode image : k.path("images")) {
            String name = image.path("name").asText();
            for (ObjectNode o : objects) {
                for (ObjectNode c : containers(o)) {
                    String ref = c.path("image").asText();
                    String repo = ref.contains(":") ? ref.substring(0, ref.lastIndexOf(':')) : ref;
                    if (repo.equals(name)) {
                        String tag = ref.contains(":") ? ref.substring(ref.lastIndexOf(':') + 1) : "latest";
                        c.put("image", image.path("newName").asText(repo) + ":" + image.path("newTag").asText(tag));
                    }
                }
            }
        }
        for (JsonNode replicas : k.path("replicas")) {
            ObjectNode target = objects.stream().filter(o -> o.path("metadata").path("name").asText().equals(replicas.path("name").asText())
                    && o.has("spec") && o.path("spec").has("replicas")).findFirst()
                    .orElseThrow(() -> new AssertionError(dir + ": replicas for unknown " + replicas.path("name").asText()));
            ((ObjectNode) target.get("spec")).put("replicas", replicas.path("count").asInt());
        }
        return objects;
    }

    static List<ObjectNode> load(Path file) throws IOException {
        List<ObjectNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && doc.isObject() && !doc.isEmpty()) {
                    docs.add((ObjectNode) doc);
                }
            }
        }
        return docs;
    }

    /** Every container of a workload (StatefulSet, Deployment, Job, CronJob), or none. */
    static List<ObjectNode> containers(JsonNode o) {
        List<ObjectNode> out = new ArrayList<>();
        JsonNode spec = podSpec(o);
        if (spec != null) {
            spec.path("initContainers").forEach(c -> out.add((ObjectNode) c));
            spec.path("containers").forEach(c -> out.add((ObjectNode) c));
        }
        return out;
    }

    static JsonNode podSpec(JsonNode o) {
        return switch (o.path("kind").asText()) {
            case "StatefulSet", "Deployment", "DaemonSet", "Job" -> o.path("spec").path("template").path("spec");
            case "CronJob" -> o.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
            default -> null;
        };
    }

    private static ObjectNode find(List<ObjectNode> objects, String kind, String name, Path dir) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind) && o.path("metadata").path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(dir + ": a patch targets " + kind + "/" + name + ", which is not rendered"));
    }

    private static void merge(ObjectNode target, JsonNode change) {
        for (Iterator<Map.Entry<String, JsonNode>> it = change.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode current = target.get(e.getKey());
            JsonNode value = e.getValue();
            if (current != null && current.isObject() && value.isObject()) {
                merge((ObjectNode) current, value);
            } else if (current != null && current.isArray() && value.isArray() && namedObjects(value)) {
                for (JsonNode item : value) {
                    JsonNode existing = null;
                    for (JsonNode c : current) {
                        if (c.path("name").asText().equals(item.path("name").asText())) {
                            existing = c;
                        }
                    }
                    if (existing == null) {
                        ((ArrayNode) current).add(item.deepCopy());
                    } else {
                        merge((ObjectNode) existing, item);
                    }
                }
            } else {
                target.set(e.getKey(), value.deepCopy());
            }
        }
    }

    private static boolean namedObjects(JsonNode list) {
        for (JsonNode item : list) {
            if (!item.isObject() || !item.has("name")) {
                return false;
            }
        }
        return !list.isEmpty();
    }
}
