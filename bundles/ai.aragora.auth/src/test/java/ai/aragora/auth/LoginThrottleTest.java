package ai.aragora.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import ai.aragora.api.cluster.SharedCounters;
import ai.aragora.api.ops.RateLimit;

class LoginThrottleTest {

    private final LoginThrottle throttle = new LoginThrottle();

    @Test
    void tenAttemptsAMinutePerAccountAndTheLimiterSaysSo() {
        long t0 = 0;
        for (int i = 0; i < LoginThrottle.ATTEMPTS_PER_MINUTE; i++) {
            assertThat(throttle.admit("ada@example.com", null, t0 + i)).isTrue();
        }
        assertThat(throttle.admit("ada@example.com", null, t0 + 100)).isFalse();
        assertThat(throttle.admit("bob@example.com", null, t0 + 100)).as("another account").isTrue();
        RateLimit status = throttle.status(t0 + 200, false);
        assertThat(status).isEqualTo(new RateLimit("auth.login", "email", 10, 10, 2, 1, 1, false));
        long later = t0 + TimeUnit.SECONDS.toNanos(61);
        assertThat(throttle.admit("ada@example.com", null, later)).as("a new minute").isTrue();
        assertThat(throttle.status(later, false).limitedKeys()).isZero();
    }

    @Test
    void sharedCountersDecideWhileTheyAnswerAndTheOwnWindowWhenTheyDoNot() {
        SharedCounters refusing = (limiter, key, burst, interval) -> new SharedCounters.Admission(false, 0, Duration.ofSeconds(6));
        assertThat(throttle.admit("ada@example.com", refusing, 0)).isFalse();
        SharedCounters away = (limiter, key, burst, interval) -> {
            throw new IllegalStateException("redis unreachable");
        };
        assertThat(throttle.admit("ada@example.com", away, 0)).isTrue();
        assertThat(throttle.status(0, true)).satisfies(s -> {
            assertThat(s.shared()).isTrue();
            assertThat(s.rejected()).isEqualTo(1);
        });
    }
}
