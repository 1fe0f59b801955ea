package online.hypermesh.trustchain.launcher;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * An S3 bucket, through the AWS CLI ({@code aws}, with the credentials of the instance role or
 * the environment), as PostgreSQL's own documentation suggests for archive_command. The bucket
 * is versioned (deploy/terraform), so an overwritten object is never lost; old backups and WAL
 * are expired by the bucket's lifecycle rules, not deleted from here.
 *
 * @param endpoint an S3-compatible service's URL ({@code TRUSTCHAIN_BACKUP_S3_ENDPOINT}: MinIO, Ceph,
 *                 an on-premises object store), or null for AWS itself
 */
record S3Target(String bucket, String prefix, String endpoint) implements BackupTarget {
    static final String ENDPOINT_SETTING = LauncherSetting.BACKUP_S3_ENDPOINT.env();

    static S3Target parse(String url, String endpoint) {
        String rest = url.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1).replaceAll("/+$", "");
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new UsageException("not an S3 bucket name in TRUSTCHAIN_BACKUP_TARGET: " + url);
        }
        if (endpoint != null && !endpoint.isBlank()) {
            URI uri;
            try {
                uri = URI.create(endpoint.trim());
            } catch (IllegalArgumentException e) {
                throw new UsageException(ENDPOINT_SETTING + " is not a URL: " + endpoint);
            }
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new UsageException(ENDPOINT_SETTING + " must be an http:// or https:// URL: " + endpoint);
            }
            return new S3Target(bucket, prefix, uri.toString());
        }
        return new S3Target(bucket, prefix, null);
    }

    private String url(String path) {
        return "s3://" + bucket + "/" + (prefix.isEmpty() ? "" : prefix + "/") + path;
    }

    @Override
    public String describe() {
        return url("") + (endpoint == null ? "" : " at " + endpoint);
    }

    @Override
    public void prepare(UnixUser owner) {
        aws(List.of("--version")); // fails early, with what to install, if the CLI is missing
    }

    @Override
    public String archiveScript() {
        // As PostgreSQL asks of an archive_command: archiving the same file again succeeds, a
        // different file of that name is refused (a second cluster pointed at the same prefix).
        String object = Shell.quote(url("wal/")) + "\"$2.gz\"";
        return String.join("\n",
                "# archive_command: $1 is the WAL file's path, $2 its name.",
                "set -eu",
                "tmp=$(mktemp)",
                "old=$(mktemp)",
                "trap 'rm -f \"$tmp\" \"$old\"' EXIT",
                "if " + cli() + " s3 cp --only-show-errors " + object + " \"$old\" 2>/dev/null; then",
                "  if gzip -dc \"$old\" | cmp -s - \"$1\"; then exit 0; fi",
                "  echo \"refusing to overwrite a different $2 in " + url("wal/") + "\" >&2",
                "  exit 1",
                "fi",
                "gzip -c \"$1\" > \"$tmp\"",
                cli() + " s3 cp --only-show-errors \"$tmp\" " + object,
                "");
    }

    /** The CLI's name and the options every call needs, as shell words. */
    private String cli() {
        return endpoint == null ? "aws" : "aws --endpoint-url " + Shell.quote(endpoint);
    }

    @Override
    public String restoreScript() {
        return String.join("\n",
                "# restore_command: $1 is the wanted file's name, $2 where to put it.",
                "set -eu",
                "tmp=$(mktemp)",
                "trap 'rm -f \"$tmp\"' EXIT",
                cli() + " s3 cp --only-show-errors " + Shell.quote(url("wal/")) + "\"$1.gz\" \"$tmp\" 2>/dev/null || exit 1",
                "gzip -dc \"$tmp\" > \"$2\"",
                "");
    }

    @Override
    public void storeBase(String name, Path localDirectory) {
        // The manifest last: a base backup without one is not listed.
        aws(List.of("s3", "cp", "--only-show-errors", localDirectory.resolve(BaseBackup.ARCHIVE).toString(),
                url("base/" + name + "/" + BaseBackup.ARCHIVE)));
        aws(List.of("s3", "cp", "--only-show-errors", localDirectory.resolve(BaseBackup.MANIFEST).toString(),
                url("base/" + name + "/" + BaseBackup.MANIFEST)));
    }

    @Override
    public List<String> baseNames() {
        TreeSet<String> names = new TreeSet<>();
        String listing = aws(List.of("s3", "ls", "--recursive", url("base/")));
        for (String line : listing.split("\n")) {
            String key = line.trim().replaceAll("^\\S+\\s+\\S+\\s+\\S+\\s+", "");
            if (key.endsWith("/" + BaseBackup.MANIFEST)) {
                String dir = key.substring(0, key.length() - BaseBackup.MANIFEST.length() - 1);
                names.add(dir.substring(dir.lastIndexOf('/') + 1));
            }
        }
        return new ArrayList<>(names);
    }

    @Override
    public void fetchBase(String name, Path localDirectory) throws IOException {
        Files.createDirectories(localDirectory);
        aws(List.of("s3", "cp", "--only-show-errors", "--recursive", url("base/" + name + "/"), localDirectory.toString()));
    }

    @Override
    public void prune(int keep) {
        // Left to the bucket's lifecycle rule (deploy/terraform): objects expire by age there.
    }

    private String aws(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add("aws");
        if (endpoint != null) {
            command.add("--endpoint-url");
            command.add(endpoint);
        }
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new LauncherException("aws " + String.join(" ", args) + " failed: " + out.trim(), null);
            }
            return out;
        } catch (IOException e) {
            throw new LauncherException("s3:// backup targets need the AWS CLI (aws) on the PATH: " + e.getMessage(),
                    "Install it (e.g. apt-get install awscli), or back up to a directory.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted: aws " + String.join(" ", args), null, e);
        }
    }
}
