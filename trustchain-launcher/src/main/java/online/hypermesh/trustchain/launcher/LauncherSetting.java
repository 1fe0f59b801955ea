package online.hypermesh.trustchain.launcher;

import java.util.Map;

/**
 * Every environment variable the launcher reads, declared once with its values, default and meaning.
 * The launcher is plain Java without MicroProfile Config, so it reads the environment only (and
 * command-line options, which win); README.md's settings reference lists each of these with
 * "launcher" among its readers ({@code LauncherSettingsReferenceTest} checks both directions).
 * Checking a value stays with the class that uses it ({@link LauncherOptions}, {@link BackupSettings}).
 */
enum LauncherSetting {
    DATA_DIR("path", "./data", "the data directory (option --data-dir)"),
    READY_TIMEOUT("seconds", "180", "seconds to wait for /health (option --timeout)"),
    DB_PORT("1-65535", "a free port", "port of the embedded PostgreSQL (option --db-port)"),
    PORT_OFFSET("whole number", "0", "shift WildFly's ports (8443, 8080, 9990) and TrustChain's (6962, 8053, 8853) by N (option --port-offset)"),
    WILDFLY_HOME("path", "wildfly-config/target/" + RepositoryLayout.WILDFLY_DIR_NAME, "the WildFly installation to start"),
    EAR("path", "trustchain-ear/target/trustchain.ear", "the EAR to deploy"),
    WILDFLY_JAVA_OPTS("JVM options", "none", "extra JVM options for WildFly"),
    DB_URL("JDBC URL", "embedded PostgreSQL", "use this PostgreSQL instead of the embedded one"),
    DB_USER("text", "trustchain", "its user"),
    DB_PASSWORD("text", "trustchain", "its password"),
    DB_RUN_AS("user name", "nobody", "started as root, the launcher runs the embedded PostgreSQL as this unprivileged user"),
    OPERATOR_SECRET("secret text, 16 characters or more", "none", "the key-encryption secret, given directly"),
    OPERATOR_SECRET_FILE("path", "<data-dir>/operator-secret", "the file holding it"),
    BACKUP_TARGET("directory or s3://bucket/prefix", "none", "where run archives the WAL and puts base backups: a directory or s3://bucket/prefix (AWS CLI)"),
    BACKUP_S3_ENDPOINT("URL", "none (AWS)", "an S3-compatible store's URL for an s3:// target, passed to the AWS CLI as --endpoint-url"),
    BACKUP_INTERVAL_HOURS("0-168", "6", "a base backup this often while run runs (0-168; 0: only ./trustchain backup)"),
    BACKUP_ARCHIVE_TIMEOUT_SECONDS("1-300", "60", "PostgreSQL's archive_timeout (1-300): the longest committed work waits for archiving (RPO)"),
    BACKUP_KEEP("1-1000", "8", "base backups kept in a directory target (1-1000)");

    private final String allowed;
    private final String defaultText;
    private final String meaning;

    LauncherSetting(String allowed, String defaultText, String meaning) {
        this.allowed = allowed;
        this.defaultText = defaultText;
        this.meaning = meaning;
    }

    /** The values allowed, as the reference names them. */
    String allowed() {
        return allowed;
    }

    /** The environment variable: TRUSTCHAIN_ and the constant's name. */
    String env() {
        return "TRUSTCHAIN_" + name();
    }

    String defaultText() {
        return defaultText;
    }

    String meaning() {
        return meaning;
    }

    /** The raw value in the given environment, null when unset. */
    String in(Map<String, String> environment) {
        return environment.get(env());
    }

    /** The raw value, or the declared default when unset (for settings whose default is a value). */
    String orDefault(Map<String, String> environment) {
        return environment.getOrDefault(env(), defaultText);
    }

    /** The raw value, or {@code fallback} when unset. */
    String in(Map<String, String> environment, String fallback) {
        return environment.getOrDefault(env(), fallback);
    }
}
