package online.hypermesh.trustchain.witness;

import java.time.Instant;

/**
 * A checkpoint the witness refused although the log's key validly signed it, next to the
 * cosigned checkpoint it held: together, two signed statements a log cannot both honestly make.
 *
 * @param kind {@code fork} (a different root for a size the witness cosigned) or
 *        {@code inconsistent} (no valid consistency proof from what the witness cosigned)
 * @param refused the signed checkpoint as received
 * @param held the checkpoint the witness had cosigned, with its log signature and cosignature
 */
public record Evidence(String kind, int status, String reason, Instant received, String refused, String held) {
    public static final String FORK = "fork";
    public static final String INCONSISTENT = "inconsistent";

    public String toJson() {
        return "{\"kind\":" + Json.string(kind) + ",\"status\":" + status + ",\"reason\":" + Json.string(reason)
                + ",\"received\":" + Json.string(received.toString()) + ",\"refused\":" + Json.string(refused)
                + ",\"held\":" + Json.string(held) + "}";
    }
}
