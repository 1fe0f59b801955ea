package online.hypermesh.trustchain.bench.ct;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import online.hypermesh.trustchain.ct.log.Batch;
import online.hypermesh.trustchain.ct.log.LogStore;
import online.hypermesh.trustchain.ct.log.SignedTreeHead;
import online.hypermesh.trustchain.ct.merkle.NodeId;

/**
 * A {@link LogStore} that passes every call through and adds up how many batches were appended,
 * their entries, and the time spent in the duplicate look-up and in the commit, so the benchmark
 * can say where a flush's time goes. Counters are safe to read from any thread.
 */
final class InstrumentedLogStore implements LogStore {
    private final LogStore store;
    final LongAdder batches = new LongAdder();
    final LongAdder entries = new LongAdder();
    final LongAdder appendNanos = new LongAdder();
    final LongAdder lookupNanos = new LongAdder();
    private volatile long largest;

    InstrumentedLogStore(LogStore store) {
        this.store = store;
    }

    long largestBatch() {
        return largest;
    }

    @Override
    public Optional<SignedTreeHead> latestTreeHead(byte[] logId) {
        return store.latestTreeHead(logId);
    }

    @Override
    public void initialize(byte[] logId, SignedTreeHead emptyHead) {
        store.initialize(logId, emptyHead);
    }

    @Override
    public Map<String, StoredSct> findByIdentity(Collection<byte[]> identityHashes) {
        long t = System.nanoTime();
        try {
            return store.findByIdentity(identityHashes);
        } finally {
            lookupNanos.add(System.nanoTime() - t);
        }
    }

    @Override
    public void append(byte[] logId, long expectedSize, Batch batch) {
        long t = System.nanoTime();
        store.append(logId, expectedSize, batch);
        appendNanos.add(System.nanoTime() - t);
        batches.increment();
        entries.add(batch.entries().size());
        if (batch.entries().size() > largest) {
            largest = batch.entries().size();
        }
    }

    @Override
    public List<byte[]> nodeHashes(List<NodeId> ids) {
        return store.nodeHashes(ids);
    }
}
