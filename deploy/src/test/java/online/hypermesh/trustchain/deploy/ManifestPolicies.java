package online.hypermesh.trustchain.deploy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What every rendering of deploy/kubernetes must hold; each violation names the object and the rule. */
final class ManifestPolicies {
    private ManifestPolicies() {
    }

    static List<String> check(List<ObjectNode> objects) {
        List<String> v = new ArrayList<>();
        boolean defaultDeny = false;
        Set<String> statefulSets = new HashSet<>();
        for (ObjectNode o : objects) {
            String kind = o.path("kind").asText();
            String id = kind + " " + o.path("metadata").path("name").asText();
            JsonNode pod = Kustomize.podSpec(o);
            if (pod != null) {
                pods(id, kind, pod, v);
            }
            switch (kind) {
                case "StatefulSet" -> statefulSets.add(o.path("metadata").path("name").asText());
                case "Service" -> {
                    JsonNode s = o.path("spec");
                    if (!s.path("ipFamilyPolicy").asText().equals("SingleStack") || !s.path("ipFamilies").toString().equals("[\"IPv6\"]")) {
                        v.add(id + ": not IPv6 single-stack (ipFamilyPolicy SingleStack, ipFamilies [IPv6])");
                    }
                }
                case "Secret" -> {
                    if (o.has("data") || o.has("stringData")) {
                        v.add(id + ": Secret " + o.path("metadata").path("name").asText()
                                + " carries data; secrets are created out of band, never committed");
                    }
                    if (o.path("metadata").path("name").asText().matches(".*(ca-key|private).*")) {
                        v.add(id + ": a Secret for private keys; CA keys stay in the HSM");
                    }
                }
                case "NetworkPolicy" -> {
                    JsonNode s = o.path("spec");
                    if (s.path("podSelector").isEmpty() && s.path("policyTypes").toString().contains("Ingress")
                            && s.path("policyTypes").toString().contains("Egress") && !s.has("ingress") && !s.has("egress")) {
                        defaultDeny = true;
                    }
                    for (JsonNode rule : s.path("ingress")) {
                        for (JsonNode port : rule.path("ports")) {
                            if (port.path("port").asInt() == 9990 && rule.toString().contains("ipBlock")) {
                                v.add(id + ": management port 9990 open to an address block; only the monitoring namespace may scrape");
                            }
                        }
                    }
                }
                case "HorizontalPodAutoscaler" -> {
                    if (!o.path("spec").path("scaleTargetRef").path("kind").asText().equals("StatefulSet")) {
                        v.add(id + ": scales something other than a StatefulSet");
                    }
                }
                default -> {
                }
            }
        }
        if (!defaultDeny) {
            v.add("no default-deny NetworkPolicy (podSelector {}, Ingress and Egress, no rules)");
        }
        for (ObjectNode o : objects) {
            if (o.path("kind").asText().equals("HorizontalPodAutoscaler")
                    && !statefulSets.contains(o.path("spec").path("scaleTargetRef").path("name").asText())) {
                v.add("HorizontalPodAutoscaler " + o.path("metadata").path("name").asText() + ": its StatefulSet does not exist");
            }
        }
        return v;
    }

    private static void pods(String id, String kind, JsonNode pod, List<String> v) {
        JsonNode psc = pod.path("securityContext");
        if (!psc.path("runAsNonRoot").asBoolean(false) || psc.path("runAsUser").asInt(0) == 0) {
            v.add(id + ": pod must set runAsNonRoot true and a non-zero runAsUser");
        }
        if (!psc.path("seccompProfile").path("type").asText().equals("RuntimeDefault")) {
            v.add(id + ": pod without the RuntimeDefault seccomp profile");
        }
        boolean longRunning = !kind.equals("CronJob") && !kind.equals("Job");
        for (JsonNode c : pod.path("containers")) {
            String cid = id + " container " + c.path("name").asText();
            JsonNode limits = c.path("resources").path("limits");
            if (!limits.has("cpu") || !limits.has("memory")) {
                v.add(cid + ": no resource limits (cpu and memory)");
            }
            if (!c.path("resources").path("requests").has("memory")) {
                v.add(cid + ": no memory request");
            }
            JsonNode sc = c.path("securityContext");
            if (sc.path("allowPrivilegeEscalation").asBoolean(true)) {
                v.add(cid + ": allowPrivilegeEscalation must be false");
            }
            if (!sc.path("readOnlyRootFilesystem").asBoolean(false)) {
                v.add(cid + ": no read-only root file system");
            }
            if (!sc.path("capabilities").path("drop").toString().contains("ALL")) {
                v.add(cid + ": capabilities must drop ALL");
            }
            if (sc.path("runAsUser").isInt() && sc.path("runAsUser").asInt() == 0) {
                v.add(cid + ": runs as root");
            }
            if (c.path("image").asText().endsWith(":latest") || !c.path("image").asText().contains(":")) {
                v.add(cid + ": image without a pinned tag");
            }
            // Jobs finish on their own; probes are for servers.
            if (longRunning) {
                for (String probe : List.of("readinessProbe", "livenessProbe")) {
                    JsonNode p = c.path(probe);
                    if (p.isMissingNode()) {
                        v.add(cid + ": no " + probe.replace("Probe", "") + " probe");
                    } else if (!p.path("httpGet").path("path").asText().equals("/health")) {
                        v.add(cid + ": " + probe + " is not on /health");
                    }
                }
            }
            for (JsonNode env : c.path("env")) {
                if (env.has("value") && env.path("name").asText().matches(".*(PASSWORD|SECRET|PIN|TOKEN)$")) {
                    v.add(cid + ": " + env.path("name").asText() + " given in the clear; take it from a Secret");
                }
            }
        }
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.path("secret").path("secretName").asText().matches(".*(ca-key|private).*")) {
                v.add(id + ": mounts a key Secret; CA keys stay in the HSM");
            }
        }
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
