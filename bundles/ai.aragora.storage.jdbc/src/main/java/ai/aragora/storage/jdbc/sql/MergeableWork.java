package ai.aragora.storage.jdbc.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import ai.aragora.storage.jdbc.SqlWork;

/**
 * A write that a group commit may run as one with the writes of the same class queued right
 * after it: a run of transcript appends of many debates then costs one statement a table
 * instead of a few statements each (decision 0027, 2026-12-08). Should the merged run fail,
 * the batch runs again write by write, where each is plain {@link SqlWork}.
 */
public interface MergeableWork extends SqlWork<Void> {

    /** Does what {@link #run} of each of {@code works} (this one first, all of this class) would, in order. */
    void runMerged(Connection connection, List<MergeableWork> works) throws SQLException;
}
