package online.hypermesh.trustchain.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every command in deploy/runbooks exists and what it does is exercised somewhere: ./trustchain
 * subcommands by the black-box tests, deploy/scripts by OperationsBlackBoxIT, curl paths by a test
 * or a script, kubectl against objects deploy/kubernetes defines, aws calls by an action the
 * least-privilege IAM policies grant. An unknown command fails, so the runbooks cannot drift.
 */
class RunbooksTest {
    private static final List<String> RUNBOOKS = List.of("cert-rotation.md", "incident-response.md", "performance-tuning.md",
            "disaster-recovery.md");
    /** Plain tools the runbooks may use; the scripts and .ci/run install them. */
    private static final Set<String> TOOLS = Set.of("openssl", "dig", "grep", "install", "cat");
    private static final Pattern BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CA_ID = Pattern.compile("(root|[a-z]+-[a-z]+-\\d+)-g\\d+");

    @Test
    void runbooks_exist_withTheIssuesTopics() throws IOException {
        for (String name : RUNBOOKS) {
            assertTrue(Files.isRegularFile(Repository.deploy("runbooks/" + name)), name);
        }
        String incident = Files.readString(Repository.deploy("runbooks/incident-response.md"));
        for (String step : List.of("Switch issuance off", "Revoke every certificate", "Roll the CA over")) {
            assertTrue(incident.contains(step), "key compromise step missing: " + step);
        }
    }

    @Test
    void everyAlertsRunbookAnchor_exists() throws IOException {
        for (JsonNode rule : PrometheusRulesTest.rules()) {
            String link = rule.path("annotations").path("runbook").asText();
            String[] parts = link.replace("deploy/runbooks/", "").split("#");
            String text = Files.readString(Repository.deploy("runbooks/" + parts[0]));
            String anchor = parts[1].replace('-', ' ');
            assertTrue(Pattern.compile("^## " + Pattern.quote(anchor) + "$", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE).matcher(text).find(),
                    rule.path("alert").asText() + " links to " + link + ", which has no such heading");
        }
    }

    @Test
    void everyCommand_existsAndIsExercised() throws IOException {
        String exercised = corpus();
        List<ObjectNode> k8s = Kustomize.render(Repository.deploy("kubernetes/base"));
        String iam = iamActions();
        List<String> problems = new ArrayList<>();
        int commands = 0;
        for (String name : RUNBOOKS) {
            Matcher blocks = BLOCK.matcher(Files.readString(Repository.deploy("runbooks/" + name)));
            while (blocks.find()) {
                for (String line : blocks.group(1).replaceAll("\\\\\\n\\s*", " ").split("\\n")) {
                    String command = line.trim();
                    if (command.isEmpty() || command.startsWith("#") || command.matches("[A-Z_]+=\\S+")) {
                        continue;
                    }
                    for (String segment : command.split("\\s*(\\||&&|;)\\s*")) {
                        commands++;
                        String problem = check(segment.trim(), exercised, k8s, iam);
                        if (problem != null) {
                            problems.add(name + ": " + problem + "\n      " + segment.trim());
                        }
                    }
                }
            }
        }
        assertTrue(commands >= 30, "commands found: " + commands);
        assertEquals(List.of(), problems);
    }

    private static String check(String command, String exercised, List<ObjectNode> k8s, String iam) {
        String[] words = command.split("\\s+");
        String program = words[0];
        if (program.equals("./trustchain")) {
            String sub = words[1];
            if (!Set.of("run", "backup", "restore").contains(sub)) {
                return "unknown ./trustchain subcommand " + sub;
            }
            return exercised.contains("\"" + sub + "\"") ? null : "./trustchain " + sub + " is not exercised by a test";
        }
        if (program.startsWith("deploy/scripts/")) {
            Path script = Repository.root().resolve(program);
            if (!Files.isExecutable(script)) {
                return program + " does not exist or is not executable";
            }
            return exercised.contains("\"" + script.getFileName() + "\"") ? null : program + " is not run by a test";
        }
        if (program.equals("curl")) {
            Matcher url = Pattern.compile("(?:https?://\\S+?|\\$API)(/[A-Za-z0-9_./-]*)").matcher(command);
            if (!url.find()) {
                return "curl without a TrustChain URL";
            }
            String path = url.group(1);
            Pattern used = Pattern.compile(CA_ID.matcher(Pattern.quote(path)).replaceAll("\\\\E[a-z0-9-]+\\\\Q"));
            return used.matcher(exercised).find() ? null : "no test or script uses " + path;
        }
        if (program.equals("kubectl")) {
            return kubectl(words, k8s);
        }
        if (program.equals("aws")) {
            String action = words[1] + ":" + camel(words[2]);
            return iam.contains("\"" + action + "\"") ? null : "aws " + words[1] + " " + words[2] + " needs " + action
                    + ", which no IAM policy in deploy/terraform grants";
        }
        return TOOLS.contains(program) ? null : "unknown command " + program;
    }

    private static String kubectl(String[] words, List<ObjectNode> k8s) {
        List<String> args = new ArrayList<>(List.of(words).subList(1, words.length));
        if (args.size() >= 2 && args.get(0).equals("-n")) {
            if (!args.get(1).equals("trustchain")) {
                return "namespace " + args.get(1) + " is not deploy/kubernetes'";
            }
            args = args.subList(2, args.size());
        }
        String verb = args.get(0);
        String kind;
        String name;
        switch (verb) {
            case "apply" -> {
                return args.contains("-f") || args.contains("-k") ? null : "kubectl apply without -f or -k";
            }
            case "rollout" -> {
                String[] ref = args.get(2).split("/");
                kind = ref[0];
                name = ref[1];
            }
            case "get" -> {
                kind = args.get(1);
                name = args.get(2);
            }
            case "create" -> {
                kind = args.get(1);
                name = args.get(3);
            }
            default -> {
                return "kubectl " + verb + " is not a verb the runbooks may use";
            }
        }
        String wanted = switch (kind) {
            case "statefulset" -> "StatefulSet";
            case "hpa" -> "HorizontalPodAutoscaler";
            case "secret" -> "Secret";
            case "cronjob" -> "CronJob";
            default -> kind;
        };
        return k8s.stream().anyMatch(o -> o.path("kind").asText().equals(wanted) && o.path("metadata").path("name").asText().equals(name))
                ? null : "deploy/kubernetes has no " + wanted + " " + name;
    }

    private static String camel(String op) {
        StringBuilder s = new StringBuilder();
        for (String part : op.split("-")) {
            s.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return s.toString();
    }

    /** The black-box tests and the deploy scripts: what "exercised" means. */
    private static String corpus() throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path dir : List.of(Repository.root().resolve("system-tests/src/test/java"), Repository.deploy("scripts"))) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    all.append(Files.readString(f)).append('\n');
                }
            }
        }
        return all.toString();
    }

    private static String iamActions() throws IOException {
        try (Stream<Path> tf = Files.walk(Repository.deploy("terraform"))) {
            StringBuilder all = new StringBuilder();
            for (Path f : tf.filter(p -> p.toString().endsWith("iam.tf")).toList()) {
                all.append(Files.readString(f));
            }
            return all.toString();
        }
    }
}
