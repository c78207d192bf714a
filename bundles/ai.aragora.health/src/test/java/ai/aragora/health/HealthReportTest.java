package ai.aragora.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aragora.api.health.ComponentHealth;

class HealthReportTest {

    @Test
    void readyWhenEveryRequiredComponentIsUp() {
        HealthReport report = HealthReport.of(Map.of("http", ComponentHealth.healthy(), "database", ComponentHealth.healthy()),
                List.of("http", "database"));
        assertThat(report.ready()).isTrue();
        assertThat(report.status()).isEqualTo("healthy");
    }

    @Test
    void notReadyWhileARequiredComponentIsMissing() {
        HealthReport report = HealthReport.of(Map.of("http", ComponentHealth.healthy()), List.of("http", "database"));
        assertThat(report.ready()).isFalse();
        assertThat(report.missing()).containsExactly("database");
        assertThat(report.status()).isEqualTo("degraded");
    }

    @Test
    void notReadyWhenARequiredComponentIsUnavailable() {
        HealthReport report = HealthReport.of(Map.of("database", ComponentHealth.unavailable("connection refused")),
                List.of("database"));
        assertThat(report.ready()).isFalse();
        assertThat(report.unavailable()).containsExactly("database");
    }

    @Test
    void aDegradedOptionalComponentKeepsReadinessButNotHealth() {
        HealthReport report = HealthReport.of(
                Map.of("http", ComponentHealth.healthy(), "redis", ComponentHealth.degraded("slow")), List.of("http"));
        assertThat(report.ready()).isTrue();
        assertThat(report.status()).isEqualTo("degraded");
    }

    @Test
    void whatReadinessWaitsForNamesEachComponentWithItsDetail() {
        HealthReport report = HealthReport.of(Map.of("engine", ComponentHealth.unavailable("no debate store"),
                "http", ComponentHealth.unavailable("")), List.of("engine", "http", "database"));
        assertThat(report.waitingFor()).containsExactly("database: not running", "engine: no debate store", "http: unavailable");
        assertThat(HealthReport.of(Map.of("http", ComponentHealth.healthy()), List.of("http")).waitingFor()).isEmpty();
    }

    @Test
    void nothingRequiredMeansReady() {
        assertThat(HealthReport.of(Map.of(), List.of()).ready()).isTrue();
    }
}
