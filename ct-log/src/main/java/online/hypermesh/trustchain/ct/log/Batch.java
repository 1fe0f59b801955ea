package online.hypermesh.trustchain.ct.log;

import java.util.List;
import java.util.Map;

import online.hypermesh.trustchain.ct.merkle.NodeId;

/**
 * Everything one flush adds to the log: entries, the perfect-subtree hashes they complete, the
 * issuer certificates they reference (by hex SHA-256), and the new signed tree head.
 */
public record Batch(List<SequencedEntry> entries, Map<NodeId, byte[]> nodes, Map<String, byte[]> issuers,
                    SignedTreeHead treeHead) {

    public Batch {
        entries = List.copyOf(entries);
        nodes = Map.copyOf(nodes);
        issuers = Map.copyOf(issuers);
    }
}
