package ai.aragora.decisions;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.storage.DecisionResult;
import ai.aragora.api.webhook.Callbacks;
import ai.aragora.api.webhook.OutboundPolicy;
import ai.aragora.api.webhook.RefusedDestinationException;

/**
 * A decision's {@code callback_url}: checked against the outbound policy when the decision is
 * asked for, delivered (signed, retried, by the webhooks bundle) when it ends. Without the
 * webhooks bundle a callback cannot be promised, so a decision that asks for one is refused.
 */
final class Callbacking {

    private static final Logger LOG = LoggerFactory.getLogger(Callbacking.class);

    volatile OutboundPolicy policy;
    volatile Callbacks delivery;

    /**
     * @throws IllegalArgumentException starting with {@code callback_url:} when the policy refuses the URL
     * @throws CallbacksUnavailableException when no outbound policy or callback delivery is running
     */
    void check(String url) {
        if (url == null) {
            return;
        }
        OutboundPolicy p = policy;
        if (p == null || delivery == null) {
            throw new CallbacksUnavailableException();
        }
        try {
            p.check(url);
        } catch (RefusedDestinationException e) {
            throw new IllegalArgumentException("callback_url: " + e.getMessage());
        }
    }

    /** Queues the callback of a decision that ended; a failure to queue is logged, the decision stands. */
    void deliver(DecisionResult decision, String url) {
        if (url == null) {
            return;
        }
        Callbacks d = delivery;
        OutboundPolicy p = policy;
        if (d == null || p == null) {
            LOG.warn("decision {} ended but its callback was not queued: callbacks are unavailable", decision.id());
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("decision_id", decision.id());
        data.put("status", decision.status());
        data.put("decision_type", decision.route());
        data.put("cached", decision.cached());
        data.put("receipt_id", decision.receiptId());
        data.put("error", decision.error());
        try {
            URI target = p.check(url);
            d.enqueue(decision.orgId(), target, "decision." + decision.status(), data).whenComplete((id, failure) -> {
                if (failure != null) {
                    LOG.warn("the callback of decision {} could not be queued: {}", decision.id(), failure.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("the callback of decision {} was not queued: {}", decision.id(), e.getMessage());
        }
    }

    /** Thrown when a decision asks for a callback that no running service can deliver. */
    static final class CallbacksUnavailableException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        CallbacksUnavailableException() {
            super("callbacks are unavailable: no outbound policy and callback delivery are running (the webhooks bundle);"
                    + " ask again without callback_url and poll the decision's status");
        }
    }
}
