package online.hypermesh.trustchain.ca.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * README.md's settings reference and the declarations agree: every declared setting has its row
 * (same name, environment variable, values and, when the server is its first reader, default),
 * every row that says "server" is declared, and the settings WildFly's configuration reads
 * (expressions in wildfly-config/cli) have their rows too. The launcher's rows are checked in
 * its own module (LauncherSettingsReferenceTest).
 */
class SettingsReferenceTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** ${property,env.TRUSTCHAIN_X:default} or ${env.TRUSTCHAIN_X}, as the CLI scripts write them. */
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{(?:([a-z][a-z0-9.-]*),)?env\\.(TRUSTCHAIN_[A-Z0-9_]+)(?::([^}]*))?}");

    record Row(String setting, String env, String defaultText, String values, List<String> readers) {
    }

    static Map<String, Row> reference() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int begin = readme.indexOf("<!-- settings-reference:begin -->");
        int end = readme.indexOf("<!-- settings-reference:end -->");
        assertTrue(begin >= 0 && end > begin, "README.md has the settings reference between its markers");
        Map<String, Row> rows = new LinkedHashMap<>();
        List<String> lines = readme.substring(begin, end).lines().filter(l -> l.startsWith("|")).toList();
        assertEquals("| setting | environment variable | default | values | read by | meaning |", lines.get(0));
        for (String line : lines.subList(2, lines.size())) {
            String[] cells = line.substring(1, line.length() - 1).split("\\|", -1);
            assertEquals(6, cells.length, "six cells: " + line);
            String[] c = Arrays.stream(cells).map(cell -> cell.trim().replace("`", "")).toArray(String[]::new);
            Row row = new Row(c[0], c[1], c[2], c[3], Arrays.stream(c[4].split(",")).map(String::trim).toList());
            assertTrue(rows.put(row.env(), row) == null, row.env() + " has one row");
        }
        return rows;
    }

    @Test
    void everyDeclaredSetting_hasItsRow_withTheSameDefaultAndValues() throws IOException {
        Map<String, Row> rows = reference();
        List<String> problems = new ArrayList<>();
        for (Setting<?> s : Configuration.declared()) {
            Row row = rows.get(s.environmentName());
            if (row == null) {
                problems.add(s.name() + " is declared but README's settings reference has no row for " + s.environmentName());
                continue;
            }
            if (!row.setting().equals(s.name()) || !row.readers().contains("server")) {
                problems.add(s.environmentName() + ": the row should name " + s.name() + " and list server among its readers: " + row);
            }
            if (!row.values().equals(s.type())) {
                problems.add(s.name() + ": values are '" + s.type() + "', README says '" + row.values() + "'");
            }
            if (row.readers().get(0).equals("server") && !row.defaultText().equals(s.defaultText())) {
                problems.add(s.name() + ": default is '" + s.defaultText() + "', README says '" + row.defaultText() + "'");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyServerRow_isADeclaredSetting() throws IOException {
        List<String> declared = Configuration.declared().stream().map(Setting::environmentName).toList();
        List<String> unknown = reference().values().stream().filter(r -> r.readers().contains("server"))
                .map(Row::env).filter(env -> !declared.contains(env)).toList();
        assertEquals(List.of(), unknown, "rows that say the server reads them, but no section declares them");
    }

    @Test
    void everyWildFlyExpression_hasItsRow_andEveryWildFlyRowIsAnExpression() throws IOException {
        Map<String, Row> rows = reference();
        Map<String, Matcher> expressions = new LinkedHashMap<>();
        try (Stream<Path> scripts = Files.list(ROOT.resolve("wildfly-config").resolve("cli"))) {
            for (Path script : scripts.filter(p -> p.toString().endsWith(".cli")).toList()) {
                Matcher m = EXPRESSION.matcher(Files.readString(script));
                while (m.find()) {
                    expressions.put(m.group(2), EXPRESSION.matcher(m.group()));
                }
            }
        }
        assertTrue(expressions.size() >= 8, "the CLI scripts were found: " + expressions.keySet());
        List<String> problems = new ArrayList<>();
        for (var e : expressions.entrySet()) {
            Matcher m = e.getValue();
            assertTrue(m.matches());
            Row row = rows.get(e.getKey());
            if (row == null || !row.readers().contains("WildFly")) {
                problems.add(e.getKey() + " is read by WildFly (wildfly-config/cli) but has no row saying so");
                continue;
            }
            if (m.group(1) != null && !row.setting().equals(m.group(1))) {
                problems.add(e.getKey() + ": WildFly also reads the system property " + m.group(1) + ", README says " + row.setting());
            }
            if (row.readers().get(0).equals("WildFly")) {
                assertNotNull(m.group(3), e.getKey() + " has a default in the CLI when WildFly is its first reader");
                if (!row.defaultText().equals(m.group(3))) {
                    problems.add(e.getKey() + ": default in the CLI is '" + m.group(3) + "', README says '" + row.defaultText() + "'");
                }
            }
        }
        rows.values().stream().filter(r -> r.readers().contains("WildFly") && !expressions.containsKey(r.env()))
                .forEach(r -> problems.add(r.env() + " says WildFly reads it, but no wildfly-config/cli script does"));
        assertEquals(List.of(), problems);
    }

    @Test
    void readersAreOnlyTheThreeThatExist() throws IOException {
        for (Row row : reference().values()) {
            assertTrue(List.of("server", "launcher", "WildFly").containsAll(row.readers()), row.toString());
            assertTrue(row.env().startsWith("TRUSTCHAIN_"), row.toString());
        }
    }
}
