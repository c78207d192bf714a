package ai.aragora.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aragora.launcher.spi.UsageException;

/** The runbook's event stream variables reach the stream bundle through Configuration Admin. */
class StreamSettingsTest {

    private static final Configurations.Secrets SECRETS = new Configurations.Secrets("a", "j", "s");

    private static Map<String, Object> config(Map<String, String> env) throws Exception {
        Settings s = Settings.from(env, Map.of());
        return Configurations.of(s, SECRETS, s.encryptionKeys(), "test", List.of()).get(StreamSettings.PID);
    }

    @Test
    void theStreamKeepsItsDefaultsUnlessTheEnvironmentSetsThem() throws Exception {
        assertThat(config(Map.of())).isNull();
        assertThat(config(Map.of("ARAGORA_EVENT_BUFFER_SIZE", "10000", "ARAGORA_WS_MAX_MESSAGE_SIZE", "65536")))
                .containsEntry("client.buffer.events", 10000).containsEntry("max.message.bytes", 65536);
    }

    @Test
    void valuesOutOfRangeAreRefusedByName() {
        assertThatThrownBy(() -> config(Map.of("ARAGORA_EVENT_BUFFER_SIZE", "0"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("ARAGORA_EVENT_BUFFER_SIZE");
        assertThatThrownBy(() -> config(Map.of("ARAGORA_WS_MAX_MESSAGE_SIZE", "lots"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("ARAGORA_WS_MAX_MESSAGE_SIZE");
    }
}
