package ai.aragora.api.storage;

/** Where a job is. {@code SUCCEEDED} and {@code DEAD} are final. */
public enum JobStatus {
    PENDING, RUNNING, SUCCEEDED,
    /** Failed as often as it may: kept for inspection, never retried. */
    DEAD;

    public boolean isFinal() {
        return this == SUCCEEDED || this == DEAD;
    }
}
