package ai.aragora.storage.jdbc.sql;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import ai.aragora.storage.jdbc.SqlWork;
import ai.aragora.storage.jdbc.StorageException;
import ai.aragora.storage.jdbc.statement.Sql;

/**
 * The one write path of a database. Writer threads take whatever writes are queued (up to a
 * batch), run them inside one transaction and commit once: under load many writes share one
 * commit (one fsync), and alone a write commits at once. A write whose work fails fails alone
 * ({@link BatchTransaction}).
 * Work must therefore touch nothing but the connection it is given. A stage completes only after the
 * commit returned, on a separate thread so that callbacks never run on, or block, a writer. The
 * writes of a batch share their prepared statements: a hundred appends compile one INSERT, and
 * a run of {@link MergeableWork} (transcript appends) executes it once.
 *
 * <p>With several writer threads each has its own queue (a lane). Writes of rows many writers
 * would share (ratings, the receipt chain head) go to the first lane, so no two transactions
 * ever wait for each other's row locks or deadlock over them; keyed writes (a debate's) go to
 * the other lanes by key, which also keeps one key's writes in order.
 *
 * <p>A write somebody is waiting on to answer (a debate's start or result, its receipt) is
 * urgent: it goes ahead of the normal writes queued in its lane, which nobody waits on (a
 * running debate's transcript, ratings). When many debates finish at once, their answers then
 * wait only for each other, not for the backlog of everything else.
 * Order is kept where it is owed: an urgent write of a key that still has normal writes queued
 * is queued behind them. Keyless writes promise no order between the two kinds.
 */
public final class GroupCommitWriter implements AutoCloseable {

    private record Task<T>(String key, SqlWork<T> work, CompletableFuture<T> result) {
    }

    /** One writer's queue: urgent writes first, then normal ones, each in the order submitted. */
    private static final class Lane {
        final Deque<Task<?>> urgent = new ArrayDeque<>();
        final Deque<Task<?>> normal = new ArrayDeque<>();
        /** How many normal writes of a key are queued: an urgent write of that key must not overtake them. */
        final Map<String, Integer> normalKeys = new HashMap<>();
        /** Signalled when a write is queued or the writer closes. */
        final Condition queued;

        Lane(Condition queued) {
            this.queued = queued;
        }

        boolean isEmpty() {
            return urgent.isEmpty() && normal.isEmpty();
        }
    }

    private final String name;
    private final DataSource connections;
    private final int maxBatch;
    private final List<Lane> lanes = new ArrayList<>();
    private final List<Thread> writers = new ArrayList<>();
    private final ExecutorService acknowledgements;
    private final ReentrantLock lock = new ReentrantLock();
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
            Lane lane = new Lane(lock.newCondition());
            lanes.add(lane);
            Thread t = new Thread(() -> loop(lane), "aragora-" + name + "-writer-" + i);
            t.setDaemon(true);
            writers.add(t);
            t.start();
        }
    }

    /** Queues a write that may touch rows other writes share. */
    public <T> CompletableFuture<T> submit(SqlWork<T> work) {
        return submit(0, null, work, false);
    }

    /** Queues a write that touches only rows of {@code key}: it runs after every earlier write of that key. */
    public <T> CompletableFuture<T> submit(String key, SqlWork<T> work) {
        return submit(lane(key), key, work, false);
    }

    /**
     * Queues an urgent write: keyless like {@link #submit(SqlWork)} when {@code key} is null, else
     * touching only rows of {@code key} and still run after every earlier write of that key.
     */
    public <T> CompletableFuture<T> submitUrgent(String key, SqlWork<T> work) {
        return submit(key == null ? 0 : lane(key), key, work, true);
    }

    /** The lane of {@code key}'s writes: never the first unless it is the only one. */
    public int lane(String key) {
        int n = lanes.size();
        return n == 1 ? 0 : 1 + Math.floorMod(key.hashCode(), n - 1);
    }

    private <T> CompletableFuture<T> submit(int index, String key, SqlWork<T> work, boolean urgent) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Task<T> task = new Task<>(key, work, result);
        Lane lane = lanes.get(index);
        lock.lock();
        try {
            if (closed) {
                result.completeExceptionally(new StorageException(name + " is closed"));
                return result;
            }
            if (urgent && (key == null || !lane.normalKeys.containsKey(key))) {
                lane.urgent.add(task);
            } else {
                lane.normal.add(task);
                if (key != null) {
                    lane.normalKeys.merge(key, 1, Integer::sum);
                }
            }
            lane.queued.signal();
        } finally {
            lock.unlock();
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

    private void loop(Lane lane) {
        List<Task<?>> batch = new ArrayList<>(maxBatch);
        try {
            while (take(lane, batch)) {
                commit(lane, batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for writes and starts a batch with the urgent ones queued, or else with the first
     * normal one; false once closed and drained. Normal writes join the batch one at a time as it
     * runs ({@link #grow}), so that an urgent write arriving meanwhile waits for the write in
     * progress and the commit, not for a whole batch of others.
     */
    private boolean take(Lane lane, List<Task<?>> batch) throws InterruptedException {
        lock.lock();
        try {
            while (lane.isEmpty()) {
                if (closed) {
                    return false;
                }
                lane.queued.await();
            }
            while (batch.size() < maxBatch && !lane.urgent.isEmpty()) {
                batch.add(lane.urgent.poll());
            }
            if (batch.isEmpty()) {
                batch.add(nextNormal(lane));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Adds the next normal write to the running batch; false to commit what ran: it is full, an urgent write waits, or none is queued. */
    private boolean grow(Lane lane, List<Task<?>> batch) {
        if (batch.size() >= maxBatch) {
            return false;
        }
        lock.lock();
        try {
            if (!lane.urgent.isEmpty() || lane.normal.isEmpty()) {
                return false;
            }
            batch.add(nextNormal(lane));
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Takes the first normal write; until it is taken, an urgent write of its key queues behind it. */
    private static Task<?> nextNormal(Lane lane) {
        Task<?> task = lane.normal.poll();
        if (task.key() != null) {
            lane.normalKeys.computeIfPresent(task.key(), (k, n) -> n == 1 ? null : n - 1);
        }
        return task;
    }

    private void commit(Lane lane, List<Task<?>> batch) {
        BatchTransaction transaction;
        try (StatementCache statements = new StatementCache(connections.getConnection())) {
            transaction = new BatchTransaction(statements.connection(), new BatchTransaction.Batch() {
                @Override
                public int size() {
                    return batch.size();
                }

                @Override
                public SqlWork<?> work(int index) {
                    return batch.get(index).work();
                }

                @Override
                public boolean grow() {
                    return GroupCommitWriter.this.grow(lane, batch);
                }
            });
            if (transaction.run()) {
                commits.incrementAndGet();
            }
        } catch (SQLException | RuntimeException e) {
            StorageException failed = new StorageException(name + ": commit failed (" + describe(e) + ")", e);
            List<Task<?>> refused = List.copyOf(batch);
            acknowledgements.execute(() -> refused.forEach(t -> t.result().completeExceptionally(failed)));
            return;
        }
        List<Task<?>> committed = List.copyOf(batch);
        acknowledgements.execute(() -> acknowledge(committed, transaction.results(), transaction.failures()));
    }

    /** One hand-off per commit, not per write: under load a thread wake-up per write was a good part of the system time. */
    @SuppressWarnings("unchecked")
    private void acknowledge(List<Task<?>> batch, List<Object> results, List<Throwable> failures) {
        for (int i = 0; i < batch.size(); i++) {
            CompletableFuture<Object> result = (CompletableFuture<Object>) batch.get(i).result();
            Throwable error = failures.get(i);
            if (error == null) {
                result.complete(results.get(i));
            } else {
                result.completeExceptionally(error instanceof SQLException sql ? Sql.translate(name, sql) : error);
            }
        }
    }

    private static String describe(Exception e) {
        return e instanceof SQLException sql ? "SQLState " + sql.getSQLState() : e.getClass().getSimpleName();
    }

    /** Finishes every write already queued, then stops. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            lanes.forEach(lane -> lane.queued.signal());
        } finally {
            lock.unlock();
        }
        for (Thread t : writers) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lock.lock();
        try {
            for (Lane lane : lanes) {
                for (Deque<Task<?>> q : List.of(lane.urgent, lane.normal)) {
                    for (Task<?> left; (left = q.poll()) != null; ) {
                        left.result().completeExceptionally(new StorageException(name + " is closed"));
                    }
                }
                lane.normalKeys.clear();
            }
        } finally {
            lock.unlock();
        }
        acknowledgements.shutdown();
    }
}
