package ai.aragora.storage.jdbc;

/**
 * The little SQL that differs between backends. Everything else (upserts with ON CONFLICT,
 * LIMIT/OFFSET, integer timestamps, JSON as text) is written once for both.
 */
public enum Dialect {
    /** One writer at a time holds the file's write lock: no row locks needed. */
    SQLITE("", "", "max"),
    POSTGRES(" FOR UPDATE", " FOR UPDATE SKIP LOCKED", "GREATEST");

    private final String lockRow;
    private final String skipLocked;
    private final String greatest;

    Dialect(String lockRow, String skipLocked, String greatest) {
        this.lockRow = lockRow;
        this.skipLocked = skipLocked;
        this.greatest = greatest;
    }

    /** The function that returns the largest of its arguments ({@code max(a, b)} is an aggregate in PostgreSQL). */
    public String greatest() {
        return greatest;
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
