package online.hypermesh.trustchain.bridge.scep;

import java.util.List;

/**
 * The GetCACaps answer (RFC 8894 3.5.2): one capability per line. SCEPStandard implies AES,
 * SHA-256 and POSTPKIOperation; they are listed too for clients that predate RFC 8894.
 * Not listed: GetNextCACert (no rollover announcement yet), DES3 (accepted, but not wanted).
 */
public final class CaCaps {
    public static final List<String> CAPABILITIES = List.of("AES", "POSTPKIOperation", "Renewal", "SHA-256", "SHA-512", "SCEPStandard");

    private CaCaps() {
    }

    public static String text() {
        return String.join("\n", CAPABILITIES) + "\n";
    }
}
