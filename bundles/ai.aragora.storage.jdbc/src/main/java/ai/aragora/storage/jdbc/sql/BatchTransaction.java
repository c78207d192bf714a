package ai.aragora.storage.jdbc.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;

import ai.aragora.storage.jdbc.SqlWork;

/**
 * One group commit of {@link GroupCommitWriter}: the writes of a batch in one transaction. They
 * run without savepoints, the common case where none fails (two statements fewer a write), and
 * a run of {@link MergeableWork} of one class runs as one. A lone write that fails is rolled back
 * and done. If a write of several fails, the transaction is rolled back and the batch runs again
 * with each write in its own savepoint, so that only the failing one is undone.
 */
final class BatchTransaction {

    /** The writes of one batch, which may grow while it runs. */
    interface Batch {

        int size();

        SqlWork<?> work(int index);

        /** Takes one more queued write into the batch; false to commit what ran. */
        boolean grow();
    }

    private final Connection c;
    private final Batch batch;
    private final List<Object> results = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private boolean committed;

    BatchTransaction(Connection c, Batch batch) {
        this.c = c;
        this.batch = batch;
    }

    /**
     * Runs the batch and commits what succeeded; false when nothing was committed (its one write
     * failed). On an exception the transaction is rolled back (as far as the connection still can).
     */
    boolean run() throws SQLException {
        try {
            c.setAutoCommit(false);
            if (!together()) {
                alone();
            }
            return committed;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is broken; the pool discards it
            }
            throw e;
        }
    }

    /** What each write of the batch returned, by index (null where it failed). */
    List<Object> results() {
        return results;
    }

    /** How each write of the batch failed, by index (null where it did not). */
    List<Throwable> failures() {
        return failures;
    }

    /** The batch without savepoints, growing as it runs; false when it must run again {@link #alone}. */
    private boolean together() throws SQLException {
        int merging = -1;
        for (int i = 0; i < batch.size() || batch.grow(); i++) {
            SqlWork<?> work = batch.work(i);
            if (merging >= 0 && work.getClass() != batch.work(merging).getClass()) {
                if (!merge(merging, i)) {
                    return failed();
                }
                merging = -1;
            }
            if (work instanceof MergeableWork) {
                merging = merging < 0 ? i : merging;
                results.add(null);
                failures.add(null);
                continue;
            }
            run(work, false);
            if (failures.get(i) != null) {
                return failed();
            }
        }
        if (merging >= 0 && !merge(merging, batch.size())) {
            return failed();
        }
        c.commit();
        committed = true;
        return true;
    }

    /** Runs the mergeable writes {@code from} to {@code to} (exclusive) as one; false when that failed, recorded against each. */
    private boolean merge(int from, int to) {
        List<MergeableWork> works = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            works.add((MergeableWork) batch.work(i));
        }
        try {
            works.get(0).runMerged(c, works);
            return true;
        } catch (SQLException | RuntimeException e) {
            for (int i = from; i < to; i++) {
                failures.set(i, e);
            }
            return false;
        }
    }

    /** After a write failed: rolled back, and done if it was alone; else false, for {@link #alone} to run each again. */
    private boolean failed() throws SQLException {
        c.rollback();
        if (batch.size() == 1) {
            return true;
        }
        results.clear();
        failures.clear();
        return false;
    }

    /** Runs each write in its own savepoint and commits what succeeded. */
    private void alone() throws SQLException {
        for (int i = 0; i < batch.size(); i++) {
            run(batch.work(i), true);
        }
        c.commit();
        committed = true;
    }

    /** Runs one write; with {@code isolate} inside a savepoint so that its failure undoes only its own work. */
    private void run(SqlWork<?> work, boolean isolate) throws SQLException {
        Savepoint savepoint = isolate ? c.setSavepoint() : null;
        try {
            results.add(work.run(c));
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
}
