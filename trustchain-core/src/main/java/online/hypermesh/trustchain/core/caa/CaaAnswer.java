package online.hypermesh.trustchain.core.caa;

import java.util.List;

/** What a {@link CaaSource} found at one name. */
public sealed interface CaaAnswer {

    /** The name's CAA RRset: empty when the name has none or does not exist (NOERROR/NODATA or NXDOMAIN). */
    record Records(List<CaaProperty> properties) implements CaaAnswer {
        public Records {
            properties = List.copyOf(properties);
        }
    }

    /**
     * The lookup failed: the CA cannot tell what the holder wants.
     *
     * @param retryable true for a failure that may pass (SERVFAIL, timeout), false for one that will
     *                  not without an operator (no resolver configured)
     */
    record Failure(String reason, boolean retryable) implements CaaAnswer {
    }

    static CaaAnswer none() {
        return new Records(List.of());
    }
}
