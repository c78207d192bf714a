package ai.aragora.webhooks.rest;

import static ai.aragora.webhooks.rest.WebhooksResourceTest.A;
import static ai.aragora.webhooks.rest.WebhooksResourceTest.ACCESS;
import static ai.aragora.webhooks.rest.WebhooksResourceTest.B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aragora.api.webhook.SinkRequest;
import ai.aragora.webhooks.ManagedAccess;
import ai.aragora.webhooks.outbound.AllowedHosts;
import ai.aragora.webhooks.outbound.OutboundRules;

/** The webhook routes existing clients call beside the core ones: events, retry policy, signing, bulk, SLO, dispatch. */
class WebhookClientRoutesTest {

    @TempDir
    Path dir;
    ManagedAccess running;
    WebhooksResource api;
    WebhookEventsResource events;
    WebhookRetryPolicyResource retry;
    WebhookSigningResource signing;
    WebhookBulkResource bulk;
    WebhookSloResource slo;
    WebhookDispatchResource dispatch;
    final OutboundRules rules = new OutboundRules(AllowedHosts.parse("127.0.0.1"), false,
            host -> java.net.InetAddress.getAllByName(host));

    @BeforeEach
    void start() {
        running = new ManagedAccess(dir, rules);
        api = new WebhooksResource(running.manager(), ACCESS, rules);
        events = new WebhookEventsResource(running.manager(), ACCESS, rules);
        retry = new WebhookRetryPolicyResource(running.manager(), ACCESS, rules);
        signing = new WebhookSigningResource(running.manager(), ACCESS, rules);
        bulk = new WebhookBulkResource(running.manager(), ACCESS, rules);
        slo = new WebhookSloResource(running.manager(), ACCESS, rules);
        dispatch = new WebhookDispatchResource(running.manager(), ACCESS, rules);
    }

    @AfterEach
    void stop() throws Exception {
        running.close();
    }

    private static Map<String, Object> body(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private String create(Object... kv) {
        Response r = api.create(A, body(kv));
        assertThat(r.getStatus()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        Map<String, Object> entity = (Map<String, Object>) r.getEntity();
        return (String) entity.get("webhook_id");
    }

    @Test
    void eventTypesAreAddedAndRemovedAndASubscriptionNeverEndsWithNone() {
        String id = create("url", "http://127.0.0.1:9/hook", "events", List.of("debate.completed"));
        assertThat(events.add(A, id, body("events", List.of("receipt.created", "debate.completed"))).get("events"))
                .isEqualTo(List.of("debate.completed", "receipt.created"));
        assertThat(events.remove(A, id, body("events", List.of("debate.completed"))).get("events"))
                .isEqualTo(List.of("receipt.created"));
        assertThatThrownBy(() -> events.remove(A, id, body("events", List.of("receipt.created"))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("no event types");
        assertThatThrownBy(() -> events.add(A, id, body("events", List.of("debate.exploded"))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("unknown event type");
        assertThatThrownBy(() -> events.add(A, id, body())).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("events is required");
        assertThat(events.add(A, id, body("events", List.of("*"))).get("events")).isEqualTo(List.of("*"));
        @SuppressWarnings("unchecked")
        List<String> left = (List<String>) events.remove(A, id, body("events", List.of("webhook.test"))).get("events");
        assertThat(left).contains("debate.completed", "circuit_breaker.opened").doesNotContain("webhook.test", "*");
        assertThatThrownBy(() -> events.add(B, id, body("events", List.of("receipt.created"))))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aSubscriptionsOwnRetryPolicyDecidesWhenItsDeliveriesAreDeadLettered() throws Exception {
        String id = create("url", "http://127.0.0.1:9/hook");
        assertThat(retry.get(A, id)).containsEntry("source", "server").containsEntry("max_retries", 5);
        Map<String, Object> own = retry.put(A, id, body("max_retries", 0, "base_delay_ms", 200));
        assertThat(own).containsEntry("source", "webhook").containsEntry("max_retries", 0)
                .containsEntry("base_delay_ms", 200L).containsEntry("max_delay_seconds", 1L);
        assertThat(retry.get(A, id)).isEqualTo(own);
        assertThat(api.get(A, id)).as("a later update keeps it").isNotNull();
        api.update(A, id, body("description", "changed"));
        assertThat(retry.get(A, id)).containsEntry("source", "webhook");

        running.failEverything();
        api.test(A, id);
        running.awaitDeadLetters(1);
        assertThat(running.requests()).isZero();

        assertThat(retry.put(A, id, body("reset", true))).containsEntry("source", "server").containsEntry("max_retries", 5);
        assertThatThrownBy(() -> retry.put(A, id, body("max_retries", 21))).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("max_retries must be a number from 0 to 20");
        assertThatThrownBy(() -> retry.put(A, id, body("base_delay_ms", 5000, "max_delay_seconds", 1)))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("must not be shorter");
        assertThatThrownBy(() -> retry.put(A, id, body("backoff", 2))).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("unknown field 'backoff'");
        assertThatThrownBy(() -> retry.put(A, id, body("reset", true, "max_retries", 1))).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> retry.get(B, id)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void signingDescribesTheSignaturesAndTheActiveSecretsButNeverASecret() {
        Response r = api.create(A, body("url", "http://127.0.0.1:9/hook"));
        @SuppressWarnings("unchecked")
        Map<String, Object> created = (Map<String, Object>) r.getEntity();
        String id = (String) created.get("webhook_id");
        String secret = (String) created.get("secret");
        String rotated = (String) api.rotate(A, id).get("secret");
        Map<String, Object> info = signing.get(A, id);
        assertThat(info).containsEntry("algorithm", "HMAC-SHA256");
        assertThat((List<?>) info.get("signing_secrets")).hasSize(2);
        assertThat(info.toString()).doesNotContain(secret.substring(6)).doesNotContain(rotated.substring(6));
    }

    @Test
    void bulkCreatesEveryOneOrNoneAndNamesTheBadItem() {
        assertThatThrownBy(() -> bulk.create(A, body("webhooks", List.of(body("url", "http://127.0.0.1:9/a"),
                body("url", "http://10.0.0.1/b")))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("webhooks[1]").hasMessageContaining("private address");
        assertThat(api.list(A, false, 20, 0)).containsEntry("total", 0L);
        assertThatThrownBy(() -> bulk.create(A, body("webhooks", List.of()))).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> bulk.create(A, body("webhooks", List.of("x")))).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("webhooks[0] must be an object");

        Response r = bulk.create(A, body("webhooks", List.of(body("url", "http://127.0.0.1:9/a"),
                body("url", "http://127.0.0.1:9/b", "events", List.of("receipt.created")))));
        assertThat(r.getStatus()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> made = (List<Map<String, Object>>) ((Map<String, Object>) r.getEntity()).get("created");
        assertThat(made).hasSize(2).allSatisfy(m -> assertThat((String) m.get("secret")).startsWith("whsec_"));
        assertThat(api.list(A, false, 20, 0)).containsEntry("total", 2L);
        assertThat(api.list(B, false, 20, 0)).containsEntry("total", 0L);
    }

    @Test
    void theSloTestReportsTheWindowAndQueuesATestDelivery() throws Exception {
        String id = create("url", "http://127.0.0.1:9/hook");
        api.test(A, id);
        running.awaitDelivered(id, 1);
        Map<String, Object> report = slo.test(A, body());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) report.get("results");
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r).containsEntry("webhook_id", id).containsEntry("delivered", 1L).containsEntry("dead_lettered", 0L)
                    .containsEntry("slo_met", true).containsEntry("failure_rate", 0.0);
            assertThat(r.get("p95_latency_ms")).isInstanceOf(Long.class);
        });
        running.awaitDelivered(id, 2);
        assertThat(running.awaitRequest(2).eventType()).isEqualTo("webhook.test");
        assertThat(((List<?>) slo.test(B, body()).get("results"))).isEmpty();
        assertThatThrownBy(() -> slo.test(B, body("webhook_id", id))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aDispatchedEventReachesItsOrgsSubscriptionsToEveryEventAndServerEventsCannotBeForged() throws Exception {
        String all = create("url", "http://127.0.0.1:9/all");
        create("url", "http://127.0.0.1:9/some", "events", List.of("debate.completed"));
        Response r = dispatch.dispatch(A, body("event_type", "custom.deploy_finished", "payload", Map.of("version", "1.2")));
        assertThat(r.getStatus()).isEqualTo(202);
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = (Map<String, Object>) r.getEntity();
        assertThat(answer).containsEntry("dispatched", 1);
        running.awaitDelivered(all, 1);
        SinkRequest sent = running.awaitRequest(1);
        assertThat(sent.eventType()).isEqualTo("custom.deploy_finished");
        assertThat(sent.payload().get("data")).isEqualTo(Map.of("version", "1.2"));

        assertThatThrownBy(() -> dispatch.dispatch(A, body("event_type", "debate.completed")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("announced by the server");
        assertThatThrownBy(() -> dispatch.dispatch(A, body("event_type", "Not A Type")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("dotted lower-case");
        assertThatThrownBy(() -> dispatch.dispatch(A, body("event_type", "custom.big", "payload", Map.of("x", "y".repeat(70_000)))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("at most 64 KB");
        assertThatThrownBy(() -> dispatch.dispatch(B, body("event_type", "custom.x", "webhook_id", all)))
                .isInstanceOf(NotFoundException.class);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> platforms = (List<Map<String, Object>>) dispatch.platforms(A).get("platforms");
        assertThat(platforms).extracting(p -> p.get("name")).containsExactly("http", "slack");
        assertThat(platforms.get(0)).containsEntry("running", true);
        assertThat(platforms.get(1)).containsEntry("running", false);
    }

    @Test
    void statsCountOnlyTheAskedDays() throws Exception {
        String id = create("url", "http://127.0.0.1:9/hook");
        api.test(A, id);
        running.awaitDelivered(id, 1);
        assertThat(api.stats(A, id, 1)).containsEntry("days", 1);
        assertThat(((Map<?, ?>) api.stats(A, id, 1).get("deliveries")).get("delivered")).isEqualTo(1L);
        assertThatThrownBy(() -> api.stats(A, id, 0)).isInstanceOf(BadRequestException.class).hasMessageContaining("days");
    }
}
