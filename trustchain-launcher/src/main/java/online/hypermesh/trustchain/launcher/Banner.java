package online.hypermesh.trustchain.launcher;

import java.util.List;

/**
 * What the user sees once TrustChain answers. Exactly one line reads "TrustChain is ready":
 * scripts and tests wait for it. Paths only, never secrets: the admin token stays in its file.
 */
final class Banner {
    static final String READY_LINE = "TrustChain is ready";

    private Banner() {
    }

    static List<String> lines(DataDirectory data, Endpoints endpoints, String databaseDescription) {
        return List.of(
                "",
                "==================================================================",
                READY_LINE,
                "  API base     " + endpoints.apiBase(),
                "  Health       " + endpoints.health(),
                "  Root CA      " + data.rootPem(),
                "  Admin token  " + data.adminToken() + "  (keep it secret)",
                "  Try          curl --cacert " + data.rootPem() + " " + endpoints.health(),
                "  Database     " + databaseDescription,
                "  Data dir     " + data.root(),
                "  Server log   " + data.serverLog(),
                "Press Ctrl-C to stop.",
                "==================================================================");
    }

    static void print(DataDirectory data, Endpoints endpoints, String databaseDescription) {
        lines(data, endpoints, databaseDescription).forEach(Console::plain);
    }
}
