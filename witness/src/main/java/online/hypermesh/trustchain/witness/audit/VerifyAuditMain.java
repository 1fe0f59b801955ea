package online.hypermesh.trustchain.witness.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

import online.hypermesh.trustchain.core.audit.AuditBundleVerifier;

/**
 * {@code verify-audit BUNDLE [--key AUDIT-KEY.pem]}: verifies a compliance export offline. With
 * {@code --key} it also requires the bundle's key to be that one (the key the operator published,
 * {@code GET /api/v1/audit/key}); without it, it says which key signed. Exit 0 when the bundle
 * verifies, 1 with the first failing position when it does not, 2 on a usage error.
 */
public final class VerifyAuditMain {
    private VerifyAuditMain() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--key"))) {
            System.err.println("usage: verify-audit BUNDLE [--key AUDIT-KEY.pem]");
            return 2;
        }
        String bundle = Files.readString(Path.of(args[0]));
        AuditBundleVerifier.Result r = AuditBundleVerifier.verify(bundle);
        if (!r.ok()) {
            System.out.println("FAILED at position " + r.failedAt() + ": " + r.reason());
            return 1;
        }
        byte[] key = bundleKey(bundle);
        if (args.length == 3) {
            byte[] expected = pem(Files.readString(Path.of(args[2])));
            if (!Arrays.equals(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(expected)).getEncoded(), key)) {
                System.out.println("FAILED: the bundle is signed by another key than " + args[2]);
                return 1;
            }
        }
        System.out.println("OK: " + r.events() + " events, positions " + r.firstSeq() + " to " + r.lastSeq() + ", " + r.checkpoints()
                + " signed checkpoint(s)" + (args.length == 3 ? ", signed by " + args[2] : ", signed by key " + Base64.getEncoder().encodeToString(key)));
        return 0;
    }

    private static byte[] bundleKey(String bundle) {
        String line = bundle.split("\n", 3)[1];
        return Base64.getDecoder().decode(line.substring("key ".length()));
    }

    private static byte[] pem(String text) {
        String body = text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
