package ai.aragora.webhooks.outbox;

/** Where a delivery stands, as the runbook names the states. */
public enum DeliveryState {
    /** Recorded, not tried yet (or waiting for its sink bundle). */
    PENDING,
    /** Claimed by a sender until its lease ends; a sender that died leaves it due again after the lease. */
    IN_PROGRESS,
    /** A 2xx answer came. */
    DELIVERED,
    /** Failed, tried again at {@code next_attempt}. */
    RETRYING,
    /** Out of retries, or the receiver answered 410 Gone; kept with its last error until replayed. */
    DEAD_LETTERED
}
