package ai.aragora.api.knowledge;

import java.util.Map;
import java.util.Objects;

import ai.aragora.api.health.ComponentHealth;

/**
 * The mound's own health report: its store, its search, its embeddings, the sync of finished
 * debates and every adapter it has known, each healthy or not and active (doing its work now) or not.
 */
public record MoundHealth(ComponentHealth.Status status, Map<String, Component> components) {

    public MoundHealth {
        Objects.requireNonNull(status, "status");
        components = Map.copyOf(components);
    }

    /** One component; {@code active} false for one present but idle by design (no embedding provider, a removed adapter). */
    public record Component(ComponentHealth.Status status, boolean active, String detail) {
        public Component {
            Objects.requireNonNull(status, "status");
            detail = detail == null ? "" : detail;
        }
    }

    public long healthy() {
        return components.values().stream().filter(c -> c.status() == ComponentHealth.Status.HEALTHY).count();
    }

    public long active() {
        return components.values().stream().filter(Component::active).count();
    }
}
