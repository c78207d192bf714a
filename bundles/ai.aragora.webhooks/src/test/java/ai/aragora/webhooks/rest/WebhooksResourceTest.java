package ai.aragora.webhooks.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.Principal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aragora.api.auth.AccessControl;
import ai.aragora.api.auth.AuthPrincipal;
import ai.aragora.api.auth.PermissionDeniedException;
import ai.aragora.api.decision.DecisionStatus;
import ai.aragora.api.webhook.SinkRequest;
import ai.aragora.webhooks.ManagedAccess;
import ai.aragora.webhooks.outbound.AllowedHosts;
import ai.aragora.webhooks.outbound.OutboundRules;

/** The webhooks API on the manager as it runs, with the caller's org and permissions. */
class WebhooksResourceTest {

    @TempDir
    Path dir;
    ManagedAccess running;
    WebhooksResource api;
    final OutboundRules rules = new OutboundRules(AllowedHosts.parse("127.0.0.1"), false,
            host -> java.net.InetAddress.getAllByName(host));

    static final AccessControl ACCESS = new AccessControl() {
        @Override
        public AuthPrincipal principal(Principal fromRequest) {
            return fromRequest instanceof AuthPrincipal p ? p : AuthPrincipal.anonymous();
        }

        @Override
        public AuthPrincipal require(Principal fromRequest, String permission) {
            AuthPrincipal p = principal(fromRequest);
            if (!p.can(permission)) {
                throw new PermissionDeniedException(permission);
            }
            return p;
        }
    };

    static SecurityContext as(String org, String... permissions) {
        AuthPrincipal p = new AuthPrincipal("user-" + org, org, AuthPrincipal.Kind.USER, "member", Set.of(permissions));
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return p;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public boolean isSecure() {
                return false;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        };
    }

    static final SecurityContext A = as("org-a", "webhooks.read", "webhooks.write");
    static final SecurityContext B = as("org-b", "webhooks.read", "webhooks.write");

    @BeforeEach
    void start() {
        running = new ManagedAccess(dir, rules);
        api = new WebhooksResource(running.manager(), ACCESS, rules);
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

    @SuppressWarnings("unchecked")
    private Map<String, Object> create(SecurityContext who, Map<String, Object> body) {
        Response r = api.create(who, body);
        assertThat(r.getStatus()).isEqualTo(201);
        return (Map<String, Object>) r.getEntity();
    }

    @Test
    void withoutAnEncryptionProviderNoSubscriptionIsStored() {
        running.withoutEncryption();
        assertThatThrownBy(() -> api.create(A, body("url", "http://127.0.0.1:9/hook")))
                .isInstanceOfSatisfying(WebApplicationException.class, e -> {
                    assertThat(e.getResponse().getStatus()).isEqualTo(503);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> error = (Map<String, Object>) e.getResponse().getEntity();
                    assertThat(error).containsEntry("code", "unavailable");
                    assertThat((String) error.get("error")).contains("no encryption provider is running");
                });
        assertThat(api.list(A, false, 20, 0)).containsEntry("total", 0L);
    }

    @Test
    void aGeneratedSecretIsShownOnceAndStoredOnlyEncrypted() {
        Map<String, Object> created = create(A, body("url", "http://127.0.0.1:9/hook", "events", List.of("debate.completed"),
                "headers", Map.of("Authorization", "Bearer receiver-token")));
        String secret = (String) created.get("secret");
        assertThat(secret).startsWith("whsec_");
        String id = (String) created.get("webhook_id");
        assertThat(api.get(A, id).toString()).doesNotContain(secret).doesNotContain("receiver-token");
        assertThat(api.list(A, false, 20, 0).toString()).doesNotContain(secret);
        String stored = running.rawSubscriptionRow(id);
        assertThat(stored).doesNotContain(secret).doesNotContain(secret.substring(6)).contains("\"_encrypted\":true");
    }

    @Test
    void anotherOrgsSubscriptionDoesNotExistForTheCaller() {
        String id = (String) create(A, body("url", "http://127.0.0.1:9/hook")).get("webhook_id");
        assertThatThrownBy(() -> api.get(B, id)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> api.delete(B, id)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> api.rotate(B, id)).isInstanceOf(NotFoundException.class);
        assertThat(api.list(B, false, 20, 0)).containsEntry("total", 0L);
        assertThat(api.list(A, false, 20, 0)).containsEntry("total", 1L);
        assertThatThrownBy(() -> api.create(as("org-a", "webhooks.read"), body("url", "http://127.0.0.1:9/x")))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> api.list(as("org-a"), false, 20, 0)).isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void theRoutersCallbackEventsAreCataloguedAsDecisionEventsForCallbacksOnly() {
        List<String> finals = Arrays.stream(DecisionStatus.values()).filter(DecisionStatus::isFinal)
                .map(s -> "decision." + s.wire()).toList();
        assertThat(finals).containsExactly("decision.completed", "decision.failed", "decision.cancelled", "decision.timeout");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = (List<Map<String, Object>>) api.events(A).get("events");
        assertThat(events.stream().filter(e -> "decision".equals(e.get("category"))).map(e -> e.get("type")).toList())
                .containsExactlyElementsOf(finals);
        assertThat(events).filteredOn(e -> "decision".equals(e.get("category")))
                .allSatisfy(e -> assertThat(e).containsEntry("delivered_to", "callback_url"));
        assertThat(events).filteredOn(e -> "debate.completed".equals(e.get("type")))
                .singleElement().satisfies(e -> assertThat(e).containsEntry("delivered_to", "subscriptions"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> categories = (List<Map<String, Object>>) api.categories(A).get("categories");
        assertThat(categories).filteredOn(c -> "decision".equals(c.get("name"))).singleElement()
                .satisfies(c -> assertThat(c.get("events")).isEqualTo(finals));

        assertThatThrownBy(() -> api.create(A, body("url", "http://127.0.0.1:9/hook", "events", List.of("decision.completed"))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("only to the callback_url of a decision request");
    }

    @Test
    void badRequestsNameTheProblem() {
        assertThatThrownBy(() -> api.create(A, body("url", "http://10.0.0.1/hook")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("a private address");
        assertThatThrownBy(() -> api.create(A, body("url", "http://127.0.0.1:9/hook", "events", List.of("debate.exploded"))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("unknown event type 'debate.exploded'");
        assertThatThrownBy(() -> api.create(A, body("url", "http://127.0.0.1:9/hook", "secret", "short")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("at least 16");
        assertThatThrownBy(() -> api.create(A, body("url", "http://127.0.0.1:9/hook", "headers", Map.of("Host", "x"))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("set by the server");
        assertThatThrownBy(() -> api.create(A, body())).isInstanceOf(BadRequestException.class).hasMessageContaining("url is required");
    }

    @Test
    void aTestDeliveryIsSignedAndRotationSignsWithBothSecretsDuringTheOverlap() throws Exception {
        Map<String, Object> created = create(A, body("url", "http://127.0.0.1:9/hook"));
        String id = (String) created.get("webhook_id");
        String first = (String) created.get("secret");
        api.test(A, id);
        SinkRequest one = running.awaitRequest(1);
        assertThat(one.secrets()).containsExactly(first);
        assertThat(one.eventType()).isEqualTo("webhook.test");

        Map<String, Object> rotated = api.rotate(A, id);
        String second = (String) rotated.get("secret");
        assertThat(second).startsWith("whsec_").isNotEqualTo(first);
        api.test(A, id);
        SinkRequest two = running.awaitRequest(2);
        assertThat(two.secrets()).containsExactly(second, first);
        assertThat(api.get(A, id).toString()).doesNotContain(second).doesNotContain(first);

        running.awaitDelivered(id, 2);
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) api.stats(A, id, null).get("deliveries");
        assertThat(counts).containsEntry("delivered", 2L).containsEntry("dead_lettered", 0L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed = (List<Map<String, Object>>) api.deliveries(A, id, "delivered", 20, 0).get("deliveries");
        assertThat(listed).hasSize(2);
        String did = (String) listed.get(0).get("delivery_id");
        assertThat(api.delivery(A, id, did)).containsKey("payload");
        assertThat(api.retry(A, id, did).getStatus()).isEqualTo(202);
        running.awaitRequest(3);
        assertThatThrownBy(() -> api.deliveries(A, id, "lost", 20, 0)).isInstanceOf(BadRequestException.class);
    }

    @Test
    void pausedSubscriptionsWaitAndDeadLettersReplay() throws Exception {
        String id = (String) create(A, body("url", "http://127.0.0.1:9/hook")).get("webhook_id");
        assertThat(api.pauseAll(A)).containsEntry("paused", 1);
        api.test(A, id);
        Thread.sleep(300);
        assertThat(running.requests()).isZero();
        assertThat(api.resumeAll(A)).containsEntry("resumed", 1);
        running.awaitRequest(1);

        running.failEverything();
        api.test(A, id);
        running.awaitDeadLetters(1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> dead = (List<Map<String, Object>>) api.deadLetters(A, 100).get("dead_letters");
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).get("last_error")).isEqualTo("HTTP 500: down");
        assertThat(api.deadLetters(B, 100).get("dead_letters")).isEqualTo(List.of());
        String dl = (String) dead.get(0).get("delivery_id");
        assertThatThrownBy(() -> api.deadLetter(B, dl)).isInstanceOf(NotFoundException.class);
        running.succeedAgain();
        assertThat(api.retryDeadLetter(A, dl).getStatus()).isEqualTo(202);
        running.awaitDelivered(id, 2);
    }
}
