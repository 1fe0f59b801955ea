package online.hypermesh.trustchain.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One launcher per data directory. Two would share one PostgreSQL cluster and one WildFly
 * base dir. Holding the lock also proves that processes found from a previous run are
 * leftovers of a dead launcher, which makes stopping them safe. The OS releases the lock
 * when the JVM dies, however it dies.
 */
final class InstanceLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static InstanceLock acquire(Path lockFile) {
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new LauncherException("Another TrustChain launcher is already using " + lockFile.getParent(),
                        "Stop it first (Ctrl-C in its terminal), or use another --data-dir.");
            }
            return new InstanceLock(channel, lock);
        } catch (IOException e) {
            throw new LauncherException("Cannot lock " + lockFile + ": " + IoErrors.describe(e), null, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // The OS drops the lock at exit anyway.
        }
    }
}
