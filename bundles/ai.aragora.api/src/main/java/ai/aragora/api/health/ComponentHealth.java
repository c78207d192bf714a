package ai.aragora.api.health;

import java.util.Objects;

/**
 * One component's state and a short operator-facing detail. The detail never carries secrets.
 */
public record ComponentHealth(Status status, String detail) {

    public enum Status {
        HEALTHY, DEGRADED, UNAVAILABLE;

        /** The wire name: {@code healthy}, {@code degraded}, {@code unavailable}. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ComponentHealth {
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
    }

    public static ComponentHealth healthy() {
        return new ComponentHealth(Status.HEALTHY, "");
    }

    public static ComponentHealth degraded(String detail) {
        return new ComponentHealth(Status.DEGRADED, detail);
    }

    public static ComponentHealth unavailable(String detail) {
        return new ComponentHealth(Status.UNAVAILABLE, detail);
    }
}
