package online.hypermesh.trustchain.witness.client;

/**
 * How many of n witnesses must cosign a checkpoint: floor(2n/3)+1. With n = 3f+1 witnesses of
 * which at most f lie, any two quorums share at least f+1 witnesses, so at least one honest
 * witness, which cosigns only one tree per size: two conflicting checkpoints cannot both be
 * confirmed; and the quorum is n - f, so f witnesses may be down.
 */
public final class Quorum {
    private Quorum() {
    }

    public static int required(int witnesses) {
        if (witnesses < 0) {
            throw new IllegalArgumentException("negative number of witnesses: " + witnesses);
        }
        return witnesses == 0 ? 0 : 2 * witnesses / 3 + 1;
    }

    /** The most witnesses that may lie (or be down) with n configured: floor((n-1)/3). */
    public static int tolerated(int witnesses) {
        return witnesses == 0 ? 0 : (witnesses - 1) / 3;
    }

    public static boolean confirmed(int cosignatures, int witnesses) {
        return witnesses > 0 && cosignatures >= required(witnesses);
    }
}
