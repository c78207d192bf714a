package ai.aragora.storage.jdbc;

/**
 * The stores, each with its own schema history: one SQLite file each, or one set of tables
 * in the PostgreSQL database. File names follow the volume layout of the runbooks.
 */
public enum Store {
    /** Debates, transcripts, results, receipts and their chain, ratings. */
    ARAGORA("aragora", "aragora.db"),
    /** Users and API keys. */
    USERS("users", "users.db"),
    JOB_QUEUE("job_queue", "job_queue.db"),
    /** Routing decisions kept for audit and replay. */
    DECISION_RESULTS("decision_results", "decision_results.db"),
    /** Integrations per org, their credentials sealed field by field. */
    INTEGRATIONS("integrations", "integrations.db"),
    /** What debates learned: knowledge nodes, their relationships and vectors, adapters' progress. */
    KNOWLEDGE_MOUND("knowledge_mound", "knowledge_mound.db");

    private final String id;
    private final String fileName;

    Store(String id, String fileName) {
        this.id = id;
        this.fileName = fileName;
    }

    public String id() {
        return id;
    }

    public String fileName() {
        return fileName;
    }

    /** Where this store's migrations live inside a backend bundle. */
    public String migrationLocation() {
        return "db/migration/" + id;
    }

    /** Where undo scripts ({@code U<version>.sql}) live; Flyway never scans it. */
    public String undoLocation() {
        return "db/undo/" + id;
    }
}
