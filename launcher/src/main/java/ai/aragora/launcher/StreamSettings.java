package ai.aragora.launcher;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import ai.aragora.launcher.spi.UsageException;

/**
 * The event stream's environment, named as the runbook's scaling section names it:
 * {@code ARAGORA_EVENT_BUFFER_SIZE} (events one client may have waiting before it is dropped as
 * too slow) and {@code ARAGORA_WS_MAX_MESSAGE_SIZE} (the largest message a client may send, in
 * bytes). Unset, the stream's own defaults apply.
 */
record StreamSettings(Optional<Integer> eventBuffer, Optional<Integer> maxMessageBytes) {

    static final String PID = "ai.aragora.stream";

    static StreamSettings from(Map<String, String> env) throws UsageException {
        return new StreamSettings(optional(env, "ARAGORA_EVENT_BUFFER_SIZE", 16, 1_000_000),
                optional(env, "ARAGORA_WS_MAX_MESSAGE_SIZE", 1024, 16 * 1024 * 1024));
    }

    void configure(Map<String, Map<String, Object>> configs) {
        if (eventBuffer.isEmpty() && maxMessageBytes.isEmpty()) {
            return;
        }
        Map<String, Object> stream = configs.computeIfAbsent(PID, k -> new LinkedHashMap<>());
        eventBuffer.ifPresent(n -> stream.put("client.buffer.events", n));
        maxMessageBytes.ifPresent(n -> stream.put("max.message.bytes", n));
    }

    private static Optional<Integer> optional(Map<String, String> env, String name, int min, int max) throws UsageException {
        return Settings.value(env, name).isPresent() ? Optional.of(Settings.integer(env, name, min, min, max)) : Optional.empty();
    }
}
