package ai.aragora.storage.jdbc;

/**
 * The little SQL that differs between backends. Everything else (upserts with ON CONFLICT,
 * LIMIT/OFFSET, integer timestamps, JSON as text) is written once for both.
 */
public enum Dialect {
    /** One writer at a time holds the file's write lock: no row locks needed. */
    SQLITE("", ""),
    POSTGRES(" FOR UPDATE", " FOR UPDATE SKIP LOCKED");

    private final String lockRow;
    private final String skipLocked;

    Dialect(String lockRow, String skipLocked) {
        this.lockRow = lockRow;
        this.skipLocked = skipLocked;
    }

    /** Appended to a SELECT that reads a row the transaction will change: holds it until commit. */
    public String lockRow() {
        return lockRow;
    }

    /** Appended to a SELECT that picks work: rows other transactions hold are skipped, not waited for. */
    public String skipLocked() {
        return skipLocked;
    }
}
