package online.hypermesh.trustchain.witness.verifier;

import java.io.IOException;
import java.util.List;

/** Where the verifier reads TLSA records: an empty list when the name has none (NXDOMAIN or NODATA). */
public interface TlsaLookup {
    List<TlsaRecord> tlsa(String ownerName) throws IOException;

    /** Where the answers come from, for the evidence. */
    String source();
}
