package ai.aragora.storage.jdbc.sql;

import ai.aragora.storage.jdbc.SqlWork;

/**
 * A write that locks a row the writes of other processes wait for (the receipt chain head, one
 * for every instance on a database). Its batch takes no more writes once it holds one, runs it
 * after the others and commits right after it: the row is held for its own statements and the
 * commit, not for a batch of unrelated writes (decision 0027, 2026-12-08).
 */
public interface HotRowWork<T> extends SqlWork<T> {
}
