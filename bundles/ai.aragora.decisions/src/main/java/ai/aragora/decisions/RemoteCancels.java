package ai.aragora.decisions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.cluster.ClusterBus;
import ai.aragora.api.cluster.ClusterChannel;
import ai.aragora.api.cluster.ClusterListener;
import ai.aragora.api.cluster.ClusterMessage;
import ai.aragora.api.decision.DecisionStatus;
import ai.aragora.api.storage.DecisionResult;
import ai.aragora.api.storage.DecisionResultStore;

/**
 * Cancelling a decision another instance runs: the request crosses the cluster bus to whichever
 * instance holds the decision, which cancels it as its own; the asking instance reads the stored
 * row until it ended. Behind a load balancer the cancel of a decision lands on any instance.
 */
final class RemoteCancels implements ClusterListener {

    static final String CHANNEL = "aragora.decisions.cancel";
    /** How long the asking instance waits for the holder to record the cancellation. */
    static final long WAIT_MILLIS = 10_000;
    private static final long POLL_MILLIS = 50;
    private static final Logger LOG = LoggerFactory.getLogger(RemoteCancels.class);

    private final ClusterChannel channel = new ClusterChannel(CHANNEL, this);
    /** Cancels a decision held here, given its id and the reason asked for. */
    private final BiConsumer<String, String> cancelHere;

    RemoteCancels(BiConsumer<String, String> cancelHere) {
        this.cancelHere = cancelHere;
    }

    void bind(ClusterBus bus) {
        channel.bind(bus);
    }

    void unbind(ClusterBus bus) {
        channel.unbind(bus);
    }

    /**
     * Asks the instance holding {@code open} (unfinished, not held here) to cancel it, and
     * returns its row once it ended.
     *
     * @throws IllegalStateException when it ended otherwise meanwhile, or no instance answered in time
     */
    DecisionResult cancel(DecisionResultStore store, DecisionResult open, String reason) {
        Map<String, Object> ask = new LinkedHashMap<>();
        ask.put("decision_id", open.id());
        ask.put("reason", reason);
        if (!channel.publish(StoredRequests.text(ask))) {
            throw new IllegalStateException("decision " + open.id() + " runs on another instance, and without a cluster bus"
                    + " (ARAGORA_REDIS_URL) it can only be cancelled there");
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        do {
            Optional<DecisionResult> now = store.find(open.id());
            if (now.isPresent() && DecisionStatus.parse(now.get().status()).isFinal()) {
                if (now.get().status().equals(DecisionStatus.CANCELLED.wire())) {
                    return now.get();
                }
                throw new IllegalStateException("decision " + open.id() + " has ended (status " + now.get().status() + ")");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() - deadline < 0);
        throw new IllegalStateException("decision " + open.id() + " runs on another instance, which did not record its"
                + " cancellation within " + WAIT_MILLIS / 1000 + " s; ask again");
    }

    @Override
    public void onMessage(ClusterMessage message) {
        try {
            JsonNode ask = StoredRequests.JSON.readTree(message.payload());
            String id = ask.path("decision_id").asText(null);
            if (id != null) {
                cancelHere.accept(id, ask.path("reason").isTextual() ? ask.path("reason").asText() : null);
            }
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("a cancellation from another instance could not be applied: {}", e.toString());
        }
    }
}
