package online.hypermesh.trustchain.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * README.md's settings reference and {@link LauncherSetting} agree (rows that list "launcher"
 * among their readers), the declared defaults are the ones the code uses, and every TRUSTCHAIN_*
 * variable the launcher's sources name has a row. The server's rows are checked by the EJB
 * module's SettingsReferenceTest.
 */
class LauncherSettingsReferenceTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern VARIABLE = Pattern.compile("TRUSTCHAIN_[A-Z0-9_]*[A-Z0-9]");

    record Row(String env, String defaultText, String values, List<String> readers) {
    }

    private static Map<String, Row> reference() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int begin = readme.indexOf("<!-- settings-reference:begin -->");
        int end = readme.indexOf("<!-- settings-reference:end -->");
        assertTrue(begin >= 0 && end > begin, "README.md has the settings reference between its markers");
        Map<String, Row> rows = new LinkedHashMap<>();
        List<String> lines = readme.substring(begin, end).lines().filter(l -> l.startsWith("|")).toList();
        for (String line : lines.subList(2, lines.size())) {
            String[] c = Arrays.stream(line.substring(1, line.length() - 1).split("\\|", -1))
                    .map(cell -> cell.trim().replace("`", "")).toArray(String[]::new);
            assertEquals(6, c.length, "six cells: " + line);
            rows.put(c[1], new Row(c[1], c[2], c[3], Arrays.stream(c[4].split(",")).map(String::trim).toList()));
        }
        return rows;
    }

    @Test
    void everyLauncherSetting_hasItsRow_withTheSameDefaultAndValues() throws IOException {
        Map<String, Row> rows = reference();
        List<String> problems = new ArrayList<>();
        for (LauncherSetting s : LauncherSetting.values()) {
            Row row = rows.get(s.env());
            if (row == null || !row.readers().contains("launcher")) {
                problems.add(s.env() + " is read by the launcher but README's settings reference has no row saying so");
            } else if (row.readers().get(0).equals("launcher")) {
                if (!row.defaultText().equals(s.defaultText())) {
                    problems.add(s.env() + ": default is '" + s.defaultText() + "', README says '" + row.defaultText() + "'");
                }
                if (!row.values().equals(s.allowed())) {
                    problems.add(s.env() + ": values are '" + s.allowed() + "', README says '" + row.values() + "'");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyLauncherRow_isALauncherSetting() throws IOException {
        List<String> declared = Arrays.stream(LauncherSetting.values()).map(LauncherSetting::env).toList();
        List<String> unknown = reference().values().stream().filter(r -> r.readers().contains("launcher")).map(Row::env)
                .filter(env -> !declared.contains(env)).toList();
        assertEquals(List.of(), unknown, "rows that say the launcher reads them, but LauncherSetting does not declare them");
    }

    @Test
    void declaredDefaults_areTheOnesTheCodeUses() {
        assertEquals(Long.toString(LauncherOptions.DEFAULT_READY_TIMEOUT.toSeconds()), LauncherSetting.READY_TIMEOUT.defaultText());
        assertEquals(Long.toString(BackupSettings.DEFAULT_INTERVAL.toHours()), LauncherSetting.BACKUP_INTERVAL_HOURS.defaultText());
        assertEquals(Long.toString(BackupSettings.DEFAULT_ARCHIVE_TIMEOUT.toSeconds()), LauncherSetting.BACKUP_ARCHIVE_TIMEOUT_SECONDS.defaultText());
        assertEquals(Integer.toString(BackupSettings.DEFAULT_KEEP), LauncherSetting.BACKUP_KEEP.defaultText());
        Path root = Path.of("/repo");
        RepositoryLayout repo = new RepositoryLayout(root);
        assertEquals(root.resolve(LauncherSetting.WILDFLY_HOME.defaultText()), repo.wildflyHome());
        assertEquals(root.resolve(LauncherSetting.EAR.defaultText()), repo.ear());
    }

    @Test
    void everyVariableTheLauncherNames_hasARow() throws IOException {
        Map<String, Row> rows = reference();
        TreeSet<String> missing = new TreeSet<>();
        try (Stream<Path> sources = Stream.concat(Files.walk(Path.of("src", "main", "java")), Stream.of(ROOT.resolve("trustchain")))) {
            // The Java launcher and the ./trustchain script in front of it.
            for (Path source : sources.filter(p -> Files.isRegularFile(p) && (p.toString().endsWith(".java") || p.equals(ROOT.resolve("trustchain")))).toList()) {
                Matcher m = VARIABLE.matcher(Files.readString(source));
                while (m.find()) {
                    if (!rows.containsKey(m.group())) {
                        missing.add(m.group() + " (" + source.getFileName() + ")");
                    }
                }
            }
        }
        assertEquals(List.of(), List.copyOf(missing), "variables the launcher reads or sets without a row in README's settings reference");
    }
}
