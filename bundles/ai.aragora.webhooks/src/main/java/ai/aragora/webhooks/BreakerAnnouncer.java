package ai.aragora.webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.resilience.BreakerListener;
import ai.aragora.api.resilience.BreakerSnapshot;
import ai.aragora.api.resilience.Resilience;
import ai.aragora.webhooks.events.EventCatalog;
import ai.aragora.webhooks.outbox.Delivery;
import ai.aragora.webhooks.store.Subscription;

/**
 * Announces {@code circuit_breaker.opened} when an agent provider's breaker opens, to every org's
 * subscriptions that want it: a provider outage concerns every org's debates. Webhook endpoints'
 * own breakers are not announced: the endpoint is a single org's, and the announcement would
 * queue behind the very endpoint that is failing.
 */
@Component(service = BreakerListener.class)
public class BreakerAnnouncer implements BreakerListener {

    private static final Logger LOG = LoggerFactory.getLogger(BreakerAnnouncer.class);

    private final WebhookManager manager;
    // Breakers open on HTTP client threads, which must not wait for a commit; outages are rare,
    // so a small queue that drops (and says so) when full is enough.
    private final ExecutorService writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(64), r -> {
                Thread t = new Thread(r, "aragora-webhook-breakers");
                t.setDaemon(true);
                return t;
            });

    @Activate
    public BreakerAnnouncer(@Reference WebhookManager manager) {
        this.manager = manager;
    }

    @Deactivate
    void stop() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Override
    public void onOpened(BreakerSnapshot breaker) {
        if (!Resilience.AGENTS.equals(breaker.group())) {
            return;
        }
        Instant at = manager.now();
        try {
            writer.execute(() -> announce(breaker, at));
        } catch (RejectedExecutionException e) {
            LOG.warn("circuit_breaker.opened for {} not announced: too many breakers opened at once", breaker.name());
        }
    }

    void announce(BreakerSnapshot breaker, Instant at) {
        try {
            List<Delivery> deliveries = new ArrayList<>();
            for (Subscription s : manager.subscriptions().active(null)) {
                if (s.wants(EventCatalog.CIRCUIT_BREAKER_OPENED)) {
                    deliveries.add(Delivery.pending(s.id(), s.orgId(), null, s.sink(), EventCatalog.CIRCUIT_BREAKER_OPENED,
                            at, data(breaker), manager.now()));
                }
            }
            if (!deliveries.isEmpty()) {
                manager.enqueue(deliveries);
            }
        } catch (RuntimeException e) {
            LOG.warn("circuit_breaker.opened for {} not announced: {}", breaker.name(), e.toString());
        }
    }

    private static Map<String, Object> data(BreakerSnapshot breaker) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("group", breaker.group());
        data.put("name", breaker.name());
        data.putAll(breaker.wire());
        return data;
    }
}
