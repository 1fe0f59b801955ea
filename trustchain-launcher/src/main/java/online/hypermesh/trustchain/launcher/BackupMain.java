package online.hypermesh.trustchain.launcher;

import java.nio.file.Path;
import java.util.Arrays;

/** {@code backup} and {@code restore}: argument errors exit 2 with the usage, failures 1 with the reason. */
final class BackupMain {
    private BackupMain() {
    }

    static int run(String[] args) {
        BackupOptions options;
        try {
            options = BackupOptions.parse(args[0], Arrays.copyOfRange(args, 1, args.length), System.getenv(), Path.of(""));
        } catch (UsageException e) {
            System.err.println("trustchain: " + e.getMessage());
            System.err.println(BackupOptions.USAGE);
            return 2;
        }
        try {
            return args[0].equals("backup") ? new BackupCommand(options).run() : new RestoreCommand(options).run();
        } catch (LauncherException e) {
            Console.error(e.getMessage());
            if (e.hint() != null) {
                Console.info(e.hint());
            }
            return 1;
        }
    }
}
