package ai.aragora.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

/**
 * The one write path of a database. Writer threads take whatever writes are queued (up to a
 * batch), run them inside one transaction and commit once: under load many writes share one
 * commit (one fsync), and alone a write commits at once. A write whose work fails fails alone:
 * the batch is then run again with each write in its own savepoint, so the others still commit.
 * Work must therefore touch nothing but the connection it is given. A stage completes only after the
 * commit returned, on a separate thread so that callbacks never run on, or block, a writer. The
 * writes of a batch share their prepared statements: a hundred appends compile one INSERT.
 *
 * <p>With several writer threads each has its own queue (a lane). Writes of rows many writers
 * would share (ratings, the receipt chain head) go to the first lane, so no two transactions
 * ever wait for each other's row locks or deadlock over them; keyed writes (a debate's) go to
 * the other lanes by key, which also keeps one key's writes in order.
 */
public final class GroupCommitWriter implements AutoCloseable {

    private record Task<T>(SqlWork<T> work, CompletableFuture<T> result) {
    }

    private static final Task<Void> STOP = new Task<>(c -> null, new CompletableFuture<>());

    private final String name;
    private final DataSource connections;
    private final int maxBatch;
    private final List<BlockingQueue<Task<?>>> lanes = new ArrayList<>();
    private final List<Thread> writers = new ArrayList<>();
    private final ExecutorService acknowledgements;
    private volatile boolean closed;
    private final AtomicInteger commits = new AtomicInteger();

    public GroupCommitWriter(String name, DataSource connections, int threads, int maxBatch) {
        this.name = name;
        this.connections = connections;
        this.maxBatch = Math.max(1, maxBatch);
        AtomicInteger ackCount = new AtomicInteger();
        this.acknowledgements = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "aragora-" + name + "-ack-" + ackCount.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < Math.max(1, threads); i++) {
            BlockingQueue<Task<?>> lane = new LinkedBlockingQueue<>();
            lanes.add(lane);
            Thread t = new Thread(() -> loop(lane), "aragora-" + name + "-writer-" + i);
            t.setDaemon(true);
            writers.add(t);
            t.start();
        }
    }

    /** Queues a write that may touch rows other writes share. */
    public <T> CompletableFuture<T> submit(SqlWork<T> work) {
        return submit(lanes.get(0), work);
    }

    /** Queues a write that touches only rows of {@code key}: it runs after every earlier write of that key. */
    public <T> CompletableFuture<T> submit(String key, SqlWork<T> work) {
        return submit(lanes.get(lane(key)), work);
    }

    /** The lane of {@code key}'s writes: never the first unless it is the only one. */
    int lane(String key) {
        int n = lanes.size();
        return n == 1 ? 0 : 1 + Math.floorMod(key.hashCode(), n - 1);
    }

    private <T> CompletableFuture<T> submit(BlockingQueue<Task<?>> lane, SqlWork<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new StorageException(name + " is closed"));
            return result;
        }
        Task<T> task = new Task<>(work, result);
        lane.add(task);
        // Closed meanwhile and drained already: nothing would ever run it.
        if (closed && lane.remove(task)) {
            result.completeExceptionally(new StorageException(name + " is closed"));
        }
        return result;
    }

    /** Commits so far: lets tests and the benchmark see that writes were grouped. */
    public int commits() {
        return commits.get();
    }

    /** How many writer threads commit groups concurrently. */
    public int threads() {
        return writers.size();
    }

    public boolean running() {
        return !closed && writers.stream().allMatch(Thread::isAlive);
    }

    private void loop(BlockingQueue<Task<?>> queue) {
        List<Task<?>> batch = new ArrayList<>(maxBatch);
        try {
            while (true) {
                Task<?> first = queue.take();
                if (first == STOP) {
                    queue.add(STOP);
                    return;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                boolean stop = batch.remove(STOP);
                if (!batch.isEmpty()) {
                    commit(batch);
                }
                batch.clear();
                if (stop) {
                    queue.add(STOP);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void commit(List<Task<?>> batch) {
        List<Object> results = new ArrayList<>(batch.size());
        List<Throwable> failures = new ArrayList<>(batch.size());
        try (StatementCache statements = new StatementCache(connections.getConnection())) {
            Connection c = statements.connection();
            c.setAutoCommit(false);
            try {
                if (batch.size() == 1 || !together(c, batch, results, failures)) {
                    alone(c, batch, results, failures);
                }
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            StorageException failed = new StorageException(name + ": commit failed (" + describe(e) + ")", e);
            batch.forEach(t -> fail(t, failed));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            if (failures.get(i) != null) {
                fail(batch.get(i), failures.get(i));
            } else {
                succeed(batch.get(i), results.get(i));
            }
        }
    }

    /**
     * Runs the whole batch in one transaction without savepoints, the common case where no write
     * fails: two statements fewer per write. If any write fails, the transaction is rolled back
     * and false returned, so that {@link #alone} runs them again each in its own savepoint.
     */
    private boolean together(Connection c, List<Task<?>> batch, List<Object> results, List<Throwable> failures)
            throws SQLException {
        for (Task<?> task : batch) {
            run(c, task, false, results, failures);
            if (failures.get(failures.size() - 1) != null) {
                c.rollback();
                results.clear();
                failures.clear();
                return false;
            }
        }
        c.commit();
        commits.incrementAndGet();
        return true;
    }

    /** Runs each write in its own savepoint (a lone write needs none) and commits what succeeded. */
    private void alone(Connection c, List<Task<?>> batch, List<Object> results, List<Throwable> failures)
            throws SQLException {
        boolean single = batch.size() == 1;
        for (Task<?> task : batch) {
            run(c, task, !single, results, failures);
        }
        if (single && failures.get(0) != null) {
            c.rollback();
        } else {
            c.commit();
            commits.incrementAndGet();
        }
    }

    /** Runs one write; with {@code isolate} inside a savepoint so that its failure undoes only its own work. */
    private static void run(Connection c, Task<?> task, boolean isolate, List<Object> results, List<Throwable> failures)
            throws SQLException {
        Savepoint savepoint = isolate ? c.setSavepoint() : null;
        try {
            results.add(task.work().run(c));
            failures.add(null);
            if (savepoint != null) {
                c.releaseSavepoint(savepoint);
            }
        } catch (SQLException | RuntimeException e) {
            if (savepoint != null) {
                c.rollback(savepoint);
            }
            results.add(null);
            failures.add(e);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> void succeed(Task<T> task, Object value) {
        acknowledgements.execute(() -> task.result().complete((T) value));
    }

    private void fail(Task<?> task, Throwable error) {
        Throwable reported = error instanceof SQLException sql ? Sql.translate(name, sql) : error;
        acknowledgements.execute(() -> task.result().completeExceptionally(reported));
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it
        }
    }

    private static String describe(Exception e) {
        return e instanceof SQLException sql ? "SQLState " + sql.getSQLState() : e.getClass().getSimpleName();
    }

    /** Finishes every write already queued, then stops. */
    @Override
    public void close() {
        closed = true;
        lanes.forEach(lane -> lane.add(STOP));
        for (Thread t : writers) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (BlockingQueue<Task<?>> lane : lanes) {
            for (Task<?> left; (left = lane.poll()) != null; ) {
                if (left != STOP) {
                    left.result().completeExceptionally(new StorageException(name + " is closed"));
                }
            }
        }
        acknowledgements.shutdown();
    }
}
