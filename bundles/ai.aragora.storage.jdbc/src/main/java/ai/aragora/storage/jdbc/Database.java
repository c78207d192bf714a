package ai.aragora.storage.jdbc;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One store's database as the stores see it: reads on pooled connections, each in its own
 * read transaction (one consistent snapshot per call), and writes grouped into shared commits.
 * The backend that opened it closes it.
 */
@ProviderType
public interface Database extends AutoCloseable {

    Store store();

    Dialect dialect();

    /** Queues the write; the stage completes once it is committed. */
    <T> CompletionStage<T> write(SqlWork<T> work);

    /**
     * Queues a write that touches only rows of {@code key} (a debate's); the stage completes once it
     * is committed, after every earlier write of that key.
     */
    <T> CompletionStage<T> write(String key, SqlWork<T> work);

    /**
     * Queues a write somebody waits on to answer (a debate's start or result): it goes ahead of
     * the normal writes queued, though still after every earlier write of {@code key} (when not null).
     */
    <T> CompletionStage<T> writeUrgent(String key, SqlWork<T> work);

    /** Writes and waits for the commit. */
    <T> T writeAndWait(SqlWork<T> work);

    /** An urgent keyless write (see {@link #writeUrgent}), waiting for its commit. */
    <T> T writeUrgentAndWait(SqlWork<T> work);

    <T> T read(SqlWork<T> work);

    /** Whether a trivial query answers and the writer runs. */
    boolean alive();

    /** Lets queued writes finish, then releases the connections. */
    @Override
    void close();
}
