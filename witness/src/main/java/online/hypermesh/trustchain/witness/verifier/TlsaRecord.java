package online.hypermesh.trustchain.witness.verifier;

import java.util.HexFormat;

/**
 * One TLSA RR's RDATA (RFC 6698 2.1): certificate usage, selector, matching type and the
 * certificate association data, in its presentation form ({@code 3 1 1 <hex>}) for evidence.
 */
public record TlsaRecord(int usage, int selector, int matchingType, byte[] data) {
    public TlsaRecord {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public String presentation() {
        return usage + " " + selector + " " + matchingType + " " + HexFormat.of().formatHex(data);
    }
}
