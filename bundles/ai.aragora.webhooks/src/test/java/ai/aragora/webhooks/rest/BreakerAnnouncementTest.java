package ai.aragora.webhooks.rest;

import static ai.aragora.webhooks.rest.WebhooksResourceTest.A;
import static ai.aragora.webhooks.rest.WebhooksResourceTest.ACCESS;
import static ai.aragora.webhooks.rest.WebhooksResourceTest.B;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aragora.api.resilience.BreakerSnapshot;
import ai.aragora.api.resilience.BreakerState;
import ai.aragora.api.webhook.SinkRequest;
import ai.aragora.webhooks.BreakerAnnouncer;
import ai.aragora.webhooks.ManagedAccess;
import ai.aragora.webhooks.outbound.AllowedHosts;
import ai.aragora.webhooks.outbound.OutboundRules;

/** An agent provider's breaker opening is announced to every org's subscriptions that want it. */
class BreakerAnnouncementTest {

    @TempDir
    Path dir;
    ManagedAccess running;
    WebhooksResource api;
    BreakerAnnouncer announcer;
    final OutboundRules rules = new OutboundRules(AllowedHosts.parse("127.0.0.1"), false,
            host -> java.net.InetAddress.getAllByName(host));

    @BeforeEach
    void start() {
        running = new ManagedAccess(dir, rules);
        api = new WebhooksResource(running.manager(), ACCESS, rules);
        announcer = new BreakerAnnouncer(running.manager());
    }

    @AfterEach
    void stop() throws Exception {
        running.close();
    }

    private String create(jakarta.ws.rs.core.SecurityContext who, List<String> events) {
        Response r = api.create(who, new java.util.HashMap<>(Map.of("url", "http://127.0.0.1:9/hook", "events", events)));
        @SuppressWarnings("unchecked")
        Map<String, Object> entity = (Map<String, Object>) r.getEntity();
        return (String) entity.get("webhook_id");
    }

    @Test
    void anAgentBreakerReachesTheSubscriptionsThatWantItInEveryOrgAndAWebhookBreakerNone() throws Exception {
        String a = create(A, List.of("circuit_breaker.opened"));
        String b = create(B, List.of("*"));
        String other = create(A, List.of("debate.completed"));
        announcer.onOpened(new BreakerSnapshot("webhooks", "hooks.example.com", BreakerState.OPEN, 5, 5,
                Duration.ofSeconds(60), Duration.ofSeconds(60)));
        announcer.onOpened(new BreakerSnapshot("agents", "anthropic-api", BreakerState.OPEN, 5, 5, Duration.ofSeconds(60),
                Duration.ofSeconds(60)));
        running.awaitDelivered(a, 1);
        running.awaitDelivered(b, 1);
        SinkRequest first = running.awaitRequest(1);
        assertThat(first.eventType()).isEqualTo("circuit_breaker.opened");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) first.payload().get("data");
        assertThat(data).containsEntry("group", "agents").containsEntry("name", "anthropic-api").containsEntry("status", "open");
        Thread.sleep(300);
        assertThat(running.requests()).as("the webhook breaker and the uninterested subscription got nothing").isEqualTo(2);
        assertThat(((Map<?, ?>) api.stats(A, other, null).get("deliveries")).get("delivered")).isEqualTo(0L);
    }
}
