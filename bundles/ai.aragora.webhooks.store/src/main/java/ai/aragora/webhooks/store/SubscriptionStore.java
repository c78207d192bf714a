package ai.aragora.webhooks.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Webhook subscriptions in the main store, read and changed within one org unless a method says
 * otherwise ({@code orgId} null is the operator's view of every org).
 */
@ProviderType
public interface SubscriptionStore {

    void create(Subscription s);

    /** Creates every one of them in one commit, or none. */
    void createAll(List<Subscription> all);

    /** Replaces every field but the id, org and creation time; false when it is gone. */
    boolean update(Subscription s);

    boolean delete(String orgId, String id);

    /** A subscription of the org; {@code orgId} null looks in every org. */
    Optional<Subscription> find(String orgId, String id);

    /** The subscriptions with these ids, whatever their org (the sender's view). */
    Map<String, Subscription> byIds(Collection<String> ids);

    /** Every active subscription of an org. */
    List<Subscription> active(String orgId);

    /**
     * Every active subscription of an org, oldest first, read on {@code connection}: inside the
     * caller's transaction on the main store (the fan-out records deliveries in the same commit).
     */
    List<Subscription> active(Connection connection, String orgId) throws SQLException;

    /** An org's subscriptions, oldest first; {@code orgId} null for every org's. */
    List<Subscription> list(String orgId, boolean activeOnly, int offset, int limit);

    long count(String orgId, boolean activeOnly);

    /** Pauses or resumes every subscription of an org (null: every org); returns how many changed. */
    int pauseAll(String orgId, boolean paused, Instant now);

    /** Every org's subscriptions in id order, up to {@code limit} after {@code afterId} (null: from the first). */
    List<Subscription> afterId(String afterId, int limit);

    /**
     * Replaces a subscription's stored secrets with {@code change} of them, reading and writing in
     * one write transaction, so a secret rotated meanwhile is never overwritten. False when it is
     * gone or the change leaves them as they are.
     */
    boolean changeSecrets(String id, UnaryOperator<List<Subscription.StoredSecret>> change);

    /** After a 410 Gone: no more deliveries until someone turns it on again. */
    void disable(String id, String reason, Instant now);
}
