package ai.aragora.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import javax.sql.DataSource;

/**
 * One store's database as the stores see it: reads on pooled connections, each in its own
 * read transaction (one consistent snapshot per call), and writes through the group-commit
 * writer. The backend that opened it closes it.
 */
public final class Database implements AutoCloseable {

    private final Store store;
    private final Dialect dialect;
    private final DataSource readers;
    private final GroupCommitWriter writer;
    private final AutoCloseable resources;

    /** @param resources what the backend opened for this database (pools), closed after the writer drained */
    public Database(Store store, Dialect dialect, DataSource readers, GroupCommitWriter writer, AutoCloseable resources) {
        this.store = store;
        this.dialect = dialect;
        this.readers = readers;
        this.writer = writer;
        this.resources = resources;
    }

    public Store store() {
        return store;
    }

    public Dialect dialect() {
        return dialect;
    }

    public GroupCommitWriter writer() {
        return writer;
    }

    /** Queues the write; the stage completes once it is committed. */
    public <T> CompletionStage<T> write(SqlWork<T> work) {
        return writer.submit(work);
    }

    /**
     * Queues a write that touches only rows of {@code key} (a debate's); the stage completes once it
     * is committed, after every earlier write of that key.
     */
    public <T> CompletionStage<T> write(String key, SqlWork<T> work) {
        return writer.submit(key, work);
    }

    /**
     * Queues a write somebody waits on to answer (a debate's start or result): it goes ahead of
     * the normal writes queued, though still after every earlier write of {@code key} (when not null).
     */
    public <T> CompletionStage<T> writeUrgent(String key, SqlWork<T> work) {
        return writer.submitUrgent(key, work);
    }

    /** Writes and waits for the commit. */
    public <T> T writeAndWait(SqlWork<T> work) {
        return join(writer.submit(work));
    }

    /** An urgent keyless write (see {@link #writeUrgent}), waiting for its commit. */
    public <T> T writeUrgentAndWait(SqlWork<T> work) {
        return join(writer.submitUrgent(null, work));
    }

    private <T> T join(CompletableFuture<T> result) {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new StorageException(store.id() + ": write failed", e.getCause());
        }
    }

    public <T> T read(SqlWork<T> work) {
        try (Connection c = readers.getConnection()) {
            c.setAutoCommit(false);
            try {
                T value = work.run(c);
                c.commit();
                return value;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Sql.translate(store.id(), e);
        }
    }

    /** Whether a trivial query answers and the writer runs. */
    public boolean alive() {
        try {
            return writer.running() && read(c -> Sql.count(c, "SELECT 1") == 1);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Lets queued writes finish, then releases the connections. */
    @Override
    public void close() {
        writer.close();
        try {
            resources.close();
        } catch (Exception e) {
            throw new StorageException(store.id() + ": closing failed", e);
        }
    }
}
