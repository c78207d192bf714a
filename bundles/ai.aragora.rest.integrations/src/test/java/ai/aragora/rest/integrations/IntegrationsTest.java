package ai.aragora.rest.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ServiceUnavailableException;

import org.junit.jupiter.api.Test;

import ai.aragora.api.crypto.Envelope;
import ai.aragora.api.crypto.FieldEncryption;
import ai.aragora.api.health.ComponentHealth;
import ai.aragora.api.storage.IntegrationRecord;
import ai.aragora.api.storage.IntegrationStore;
import ai.aragora.crypto.aesgcm.AesGcmForTests;
import ai.aragora.storage.memory.MemoryIntegrationStore;

class IntegrationsTest {

    static final String KEY_A = "a1".repeat(32);
    static final String KEY_B = "b2".repeat(32);
    private static final String TOKEN = "xoxb-1234-secret-value";

    private final MemoryIntegrationStore records = new MemoryIntegrationStore();
    private volatile boolean failing;
    /** The memory backend's store, made to fail on demand as a lost database would. */
    private final IntegrationStore store = (IntegrationStore) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {IntegrationStore.class}, (proxy, method, args) -> {
                if (failing) {
                    throw new IllegalStateException("database gone");
                }
                try {
                    return method.invoke(records, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    private final FieldEncryption providerA = AesGcmForTests.provider(KEY_A);
    private final Integrations integrations = Integrations.with(store, providerA, 60, Clock.systemUTC());

    private static Map<String, Object> slack() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Ops Slack");
        body.put("channel", "#ops");
        body.put("bot_token", TOKEN);
        body.put("signing_secret", "sign-me");
        body.put("mentions", List.of("@oncall"));
        return body;
    }

    private IntegrationRecord stored(String org, String id) {
        return records.find(org, id).orElseThrow();
    }

    @Test
    void credentialsAreSealedFieldByFieldAndNeverShown() {
        Integrations.Written w = integrations.put("org1", "slack", slack());
        assertThat(w.created()).isTrue();
        assertThat(w.view()).containsEntry("name", "Ops Slack").containsEntry("status", "active");
        assertThat(w.view().get("credentials")).isEqualTo(Map.of("bot_token", "****", "signing_secret", "****"));
        assertThat(w.view().get("settings")).isEqualTo(Map.of("channel", "#ops", "mentions", List.of("@oncall")));
        assertThat(w.view().toString()).doesNotContain(TOKEN).doesNotContain("sign-me");

        IntegrationRecord stored = stored("org1", "slack");
        assertThat(stored.toString() + stored.credentials()).doesNotContain(TOKEN);
        Envelope sealed = Envelope.from(stored.credentials().get("bot_token")).orElseThrow();
        assertThat(sealed.keyId()).isEqualTo(providerA.activeKeyId());
        assertThat(providerA.decrypt(sealed, IntegrationRecord.credential("org1", "slack", "bot_token"))).isEqualTo(TOKEN);
        assertThat(integrations.test("org1", "slack").orElseThrow()).containsEntry("success", true);
    }

    @Test
    void anotherOrgsIntegrationDoesNotExistForIt() {
        integrations.put("org1", "slack", slack());
        assertThat(integrations.get("org2", "slack")).isEmpty();
        assertThat(integrations.list("org2", null, null, 0, 10).total()).isZero();
        assertThat(integrations.delete("org2", "slack")).isFalse();
        assertThat(integrations.get("org1", "slack")).isPresent();
    }

    @Test
    void badInputIsRefusedNamingTheFieldNeverTheCredential() {
        Map<String, Object> nested = slack();
        nested.put("options", Map.of("a", 1));
        nested.put("api_key", 42);
        nested.put("Bad-Name", "x");
        nested.put("name", "");
        assertThatThrownBy(() -> integrations.put("org1", "slack", nested)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("options").hasMessageContaining("api_key: a credential is a non-empty text")
                .hasMessageContaining("Bad-Name").hasMessageContaining("name:").hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> IntegrationInput.type("myspace")).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("unknown integration type 'myspace'");
        Map<String, Object> huge = new HashMap<>();
        for (int i = 0; i < 65; i++) {
            huge.put("f" + i, "v");
        }
        assertThatThrownBy(() -> integrations.put("org1", "generic", huge)).hasMessageContaining("at most 64 fields");
        Map<String, Object> withNull = slack();
        withNull.put("channel", null);
        assertThatThrownBy(() -> integrations.put("org1", "slack", withNull)).hasMessageContaining("null is only meaningful in an update");
        assertThat(records.list(null, null, null, 0, 10).total()).isZero();
    }

    @Test
    void anUpdateChangesWhatItNamesAndNullRemoves() {
        integrations.put("org1", "slack", slack());
        Map<String, Object> patch = new HashMap<>();
        patch.put("channel", null);
        patch.put("signing_secret", null);
        patch.put("bot_token", "xoxb-new-token");
        patch.put("enabled", false);
        Map<String, Object> view = integrations.patch("org1", "slack", patch).orElseThrow();
        assertThat(view).containsEntry("status", "disabled").containsEntry("name", "Ops Slack");
        assertThat(view.get("settings")).isEqualTo(Map.of("mentions", List.of("@oncall")));
        assertThat(view.get("credentials")).isEqualTo(Map.of("bot_token", "****"));
        assertThat(providerA.decrypt(Envelope.from(stored("org1", "slack").credentials().get("bot_token")).orElseThrow(),
                IntegrationRecord.credential("org1", "slack", "bot_token"))).isEqualTo("xoxb-new-token");
        assertThat(integrations.patch("org1", "github", Map.of("name", "x"))).isEmpty();
    }

    @Test
    void readsComeFromTheCacheUntilAWriteThroughThisServer() {
        integrations.put("org1", "slack", slack());
        integrations.get("org1", "slack");
        integrations.get("org1", "slack");
        integrations.get("org1", "slack");
        assertThat(integrations.monitor().hitRate.get()).isEqualTo(2.0 / 3);
        integrations.patch("org1", "slack", Map.of("name", "Renamed"));
        assertThat(integrations.get("org1", "slack").orElseThrow()).containsEntry("name", "Renamed");
        assertThat(integrations.monitor().active.get()).isEqualTo(1.0);
    }

    /** What a provider swap does: the new one takes new writes, everything sealed before still opens. */
    @Test
    void aNewProviderTakesNewWritesAndOldEnvelopesStayReadable() {
        integrations.put("org1", "slack", slack());
        FieldEncryption providerB = AesGcmForTests.provider(KEY_B, KEY_A);
        integrations.useEncryption(providerB);
        integrations.put("org1", "github", Map.of("access_token", "gho_abc"));
        assertThat(Envelope.from(stored("org1", "github").credentials().get("access_token")).orElseThrow().keyId())
                .isEqualTo(providerB.activeKeyId());
        assertThat(integrations.test("org1", "slack").orElseThrow()).containsEntry("success", true);
        assertThat(integrations.test("org1", "github").orElseThrow()).containsEntry("success", true);
    }

    @Test
    void aCredentialUnderAKeyNoLongerConfiguredIsNamedNotACrash() {
        integrations.put("org1", "slack", slack());
        integrations.useEncryption(AesGcmForTests.provider(KEY_B));
        Map<String, Object> result = integrations.test("org1", "slack").orElseThrow();
        assertThat(result).containsEntry("success", false);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) result.get("errors");
        assertThat(errors).hasSize(2).allSatisfy(e -> assertThat(e).containsEntry("error_type", "unknown_key")
                .containsEntry("key_id", providerA.activeKeyId()));
        assertThat(result.toString()).doesNotContain(TOKEN).doesNotContain(KEY_A);
    }

    @Test
    void withoutAProviderCredentialsAreRefusedNeverStoredInTheClear() {
        Integrations none = Integrations.with(store, null, 0, Clock.systemUTC());
        assertThatThrownBy(() -> none.put("org1", "slack", slack())).isInstanceOf(ServiceUnavailableException.class);
        assertThat(records.list(null, null, null, 0, 10).total()).isZero();
        assertThat(none.put("org1", "generic", Map.of("url", "https://example.com")).created()).isTrue();
    }

    @Test
    void threeFailuresInARowMakeTheStoreUnhealthyAndOneSuccessHealsIt() {
        integrations.put("org1", "slack", slack());
        failing = true;
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> integrations.list("org1", null, null, 0, 10)).isInstanceOf(ServiceUnavailableException.class);
            assertThat(integrations.check().status()).isEqualTo(i < 2 ? ComponentHealth.Status.DEGRADED : ComponentHealth.Status.UNAVAILABLE);
        }
        assertThat(integrations.monitor().health.labels(IntegrationStoreMonitor.BACKEND).get()).isZero();
        assertThat(integrations.monitor().failures.get()).isEqualTo(3.0);
        failing = false;
        integrations.list("org1", null, null, 0, 10);
        assertThat(integrations.check().status()).isEqualTo(ComponentHealth.Status.HEALTHY);
        assertThat(integrations.monitor().health.labels(IntegrationStoreMonitor.BACKEND).get()).isEqualTo(1.0);
        assertThat(integrations.monitor().operations.labels("list", "error").get()).isEqualTo(3.0);
        double[] timed = integrations.monitor().latency.labels("list").get().buckets;
        assertThat(timed[timed.length - 1]).as("every list timed, failed or not").isEqualTo(4.0);
        assertThat(Integrations.with(null, providerA, 0, Clock.systemUTC()).check().status())
                .isEqualTo(ComponentHealth.Status.UNAVAILABLE);
    }
}
