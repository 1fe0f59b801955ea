package online.hypermesh.trustchain.bench;

import java.io.IOException;
import java.security.GeneralSecurityException;

/** Entry point of the issuance load generator. Exit 0: passed; 1: more than 1% failed; 2: could not run. */
public final class IssuanceBench {
    private IssuanceBench() {
    }

    public static void main(String[] args) {
        if (BenchArgs.wantsHelp(args)) {
            System.out.println(BenchArgs.USAGE);
            return;
        }
        BenchConfig config;
        try {
            config = BenchArgs.parse(args, System.getenv());
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(BenchArgs.USAGE);
            System.exit(2);
            return;
        }
        try {
            RunResult result = new IssuanceRun(config, System.out).execute();
            System.exit(result.passed() ? 0 : 1);
        } catch (IOException | GeneralSecurityException e) {
            System.err.println("error: " + e);
            System.exit(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(2);
        }
    }
}
