package online.hypermesh.trustchain.launcher;

import java.nio.file.Path;

/** Entry point of trustchain-launcher.jar: {@code run [--data-dir DIR] ...}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            System.out.println(LauncherOptions.USAGE);
            System.out.println();
            System.out.println(BackupOptions.USAGE);
            System.exit(args.length == 0 ? 2 : 0);
        }
        if (args[0].equals("backup") || args[0].equals("restore")) {
            System.exit(BackupMain.run(args));
        }
        LauncherOptions options;
        try {
            if (!args[0].equals("run")) {
                throw new UsageException("unknown command: " + args[0]);
            }
            String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
            options = LauncherOptions.parse(rest, System.getenv(), RepositoryLayout.current(), Path.of(""));
        } catch (UsageException e) {
            System.err.println("trustchain: " + e.getMessage());
            System.err.println(LauncherOptions.USAGE);
            System.exit(2);
            return;
        }
        int code = new RunCommand(options, System.getenv()).run();
        if (code != RunCommand.STOPPED_BY_SIGNAL) {
            System.exit(code);
        }
        // Otherwise the JVM is already shutting down; System.exit would block on the running hook.
    }
}
