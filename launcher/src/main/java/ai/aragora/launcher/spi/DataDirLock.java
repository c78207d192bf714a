package ai.aragora.launcher.spi;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Who uses a data dir: every serving process holds a shared lock on {@value #FILE} in it, and
 * whatever replaces the data dir's files (a restore) holds it exclusively. So a restore refuses
 * while a server runs there, and a server refuses to start during a restore. The operating
 * system releases the lock when its process ends, however it ends.
 */
public final class DataDirLock implements AutoCloseable {

    public static final String FILE = ".aragora.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** A serving process's lock; empty while a restore holds the data dir. */
    public static Optional<DataDirLock> serving(Path dataDir) throws IOException {
        return acquire(dataDir, true);
    }

    /** The lock of a process that replaces the data dir's files; empty while any server holds its lock. */
    public static Optional<DataDirLock> exclusive(Path dataDir) throws IOException {
        return acquire(dataDir, false);
    }

    private static Optional<DataDirLock> acquire(Path dataDir, boolean shared) throws IOException {
        FileChannel channel = FileChannel.open(dataDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        try {
            FileLock lock = channel.tryLock(0, Long.MAX_VALUE, shared);
            if (lock != null) {
                return Optional.of(new DataDirLock(channel, lock));
            }
        } catch (OverlappingFileLockException heldHere) {
            // this JVM holds it already, in the other mode
        }
        channel.close();
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
