package ai.aragora.webhooks.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import ai.aragora.api.crypto.FieldContext;

/**
 * A webhook subscription as stored: {@code events} empty means every event type; {@code secrets}
 * are the stored (sealed) signing secrets, the newest first; {@code retry} is its own retry
 * schedule, null for the server's.
 */
public record Subscription(String id, String orgId, String url, String sink, List<String> events, String description,
        Map<String, String> headers, List<StoredSecret> secrets, boolean active, boolean paused, String disabledReason,
        Instant createdAt, Instant updatedAt, RetrySchedule retry) {

    public Subscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(sink, "sink");
        events = List.copyOf(events);
        headers = Map.copyOf(headers);
        secrets = List.copyOf(secrets);
    }

    public boolean wants(String eventType) {
        return events.isEmpty() || events.contains(eventType);
    }

    /** The secrets that still sign at {@code now}: the newest, and older ones inside their overlap. */
    public List<StoredSecret> signing(Instant now) {
        return secrets.stream().filter(s -> s.expiresAt() == null || s.expiresAt().isAfter(now)).toList();
    }

    public Subscription with(List<StoredSecret> newSecrets, Instant now) {
        return new Subscription(id, orgId, url, sink, events, description, headers, newSecrets, active, paused,
                disabledReason, createdAt, now, retry);
    }

    public Subscription withEvents(List<String> newEvents, Instant now) {
        return new Subscription(id, orgId, url, sink, newEvents, description, headers, secrets, active, paused,
                disabledReason, createdAt, now, retry);
    }

    public Subscription withRetry(RetrySchedule newRetry, Instant now) {
        return new Subscription(id, orgId, url, sink, events, description, headers, secrets, active, paused,
                disabledReason, createdAt, now, newRetry);
    }

    /**
     * A signing secret as stored: the sealed envelope (its {@code toMap()} form), when it was
     * made, and when it stops signing (null while it is the newest).
     */
    public record StoredSecret(Map<String, Object> sealed, Instant createdAt, Instant expiresAt) {

        /** The store name secrets are sealed under. */
        public static final String STORE = "webhook_subscriptions";

        public StoredSecret {
            sealed = Map.copyOf(sealed);
            Objects.requireNonNull(createdAt, "createdAt");
        }

        /**
         * Where a secret made at {@code created} is sealed: its subscription and creation time, so
         * an envelope moved to another subscription or secret does not open.
         */
        public static FieldContext context(String subscriptionId, Instant created) {
            return new FieldContext(STORE, subscriptionId, "secret@" + created.getEpochSecond() + "." + created.getNano());
        }

        /** Where this secret of {@code subscriptionId} is sealed. */
        public FieldContext context(String subscriptionId) {
            return context(subscriptionId, createdAt);
        }
    }
}
