package ai.aragora.storage.jdbc.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import javax.sql.DataSource;

import ai.aragora.storage.jdbc.Database;
import ai.aragora.storage.jdbc.Dialect;
import ai.aragora.storage.jdbc.SqlWork;
import ai.aragora.storage.jdbc.StorageException;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.statement.Sql;

/** A {@link Database} reading on a pool and writing through the group-commit writer. */
public final class PooledDatabase implements Database {

    private final Store store;
    private final Dialect dialect;
    private final DataSource readers;
    private final GroupCommitWriter writer;
    private final AutoCloseable resources;

    /** @param resources what the backend opened for this database (pools), closed after the writer drained */
    public PooledDatabase(Store store, Dialect dialect, DataSource readers, GroupCommitWriter writer, AutoCloseable resources) {
        this.store = store;
        this.dialect = dialect;
        this.readers = readers;
        this.writer = writer;
        this.resources = resources;
    }

    @Override
    public Store store() {
        return store;
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    public GroupCommitWriter writer() {
        return writer;
    }

    @Override
    public <T> CompletionStage<T> write(SqlWork<T> work) {
        return writer.submit(work);
    }

    @Override
    public <T> CompletionStage<T> write(String key, SqlWork<T> work) {
        return writer.submit(key, work);
    }

    @Override
    public <T> CompletionStage<T> writeUrgent(String key, SqlWork<T> work) {
        return writer.submitUrgent(key, work);
    }

    @Override
    public <T> T writeAndWait(SqlWork<T> work) {
        return join(writer.submit(work));
    }

    @Override
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

    @Override
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

    @Override
    public boolean alive() {
        try {
            return writer.running() && read(c -> Sql.count(c, "SELECT 1") == 1);
        } catch (RuntimeException e) {
            return false;
        }
    }

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
