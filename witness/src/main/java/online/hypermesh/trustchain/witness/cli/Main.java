package online.hypermesh.trustchain.witness.cli;

import java.util.Arrays;

import online.hypermesh.trustchain.witness.WitnessMain;
import online.hypermesh.trustchain.witness.audit.VerifyAuditMain;
import online.hypermesh.trustchain.witness.monitor.MonitorMain;
import online.hypermesh.trustchain.witness.verifier.ValidateMain;

/**
 * The jar's entry point: {@code monitor ...} runs the split-view monitor, {@code validate ...} verifies
 * a certificate chain as a relying party, {@code verify-audit ...} an audit export, anything else the witness.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("monitor")) {
            MonitorMain.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("verify-audit")) {
            VerifyAuditMain.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("validate")) {
            ValidateMain.main(Arrays.copyOfRange(args, 1, args.length));
        } else {
            WitnessMain.main(args);
        }
    }
}
