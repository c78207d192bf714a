package ai.aragora.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import ai.aragora.api.resilience.BreakerSettings;
import ai.aragora.api.resilience.BreakerSnapshot;
import ai.aragora.api.resilience.BreakerState;

class ConsecutiveFailureBreakerTest {

    private final FakeTime time = new FakeTime();
    private final List<BreakerSnapshot> opened = new ArrayList<>();
    private final ConsecutiveFailureBreaker breaker = new ConsecutiveFailureBreaker("agents", "claude",
            BreakerSettings.DEFAULT, time::nanos, opened::add);

    private void fail(int times, boolean counted) {
        for (int i = 0; i < times; i++) {
            assertThat(breaker.tryAcquire()).isTrue();
            breaker.onFailure(counted);
        }
    }

    @Test
    void opensAfterFiveConsecutiveFailuresAndRejectsCalls() {
        fail(4, true);
        assertThat(breaker.snapshot().state()).isEqualTo(BreakerState.CLOSED);
        assertThat(breaker.snapshot().failures()).isEqualTo(4);
        fail(1, true);
        assertThat(breaker.snapshot().state()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.snapshot().cooldownRemaining()).isEqualTo(Duration.ofSeconds(60));
        assertThat(breaker.tryAcquire()).isFalse();
    }

    @Test
    void aSuccessResetsTheCount() {
        fail(4, true);
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onSuccess();
        fail(4, true);
        assertThat(breaker.snapshot().state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void uncountedFailuresSuchAsQuotaNeverOpenIt() {
        fail(20, false);
        assertThat(breaker.snapshot().state()).isEqualTo(BreakerState.CLOSED);
        assertThat(breaker.snapshot().failures()).isZero();
    }

    @Test
    void afterTheCooldownOneTrialCallIsLetThroughAndItsSuccessCloses() {
        fail(5, true);
        time.advance(Duration.ofSeconds(59));
        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(breaker.snapshot().cooldownRemaining()).isEqualTo(Duration.ofSeconds(1));
        time.advance(Duration.ofSeconds(1));
        assertThat(breaker.snapshot().state()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(breaker.tryAcquire()).as("the trial").isTrue();
        assertThat(breaker.tryAcquire()).as("a second call while the trial runs").isFalse();
        breaker.onSuccess();
        assertThat(breaker.snapshot().state()).isEqualTo(BreakerState.CLOSED);
        assertThat(breaker.snapshot().failures()).isZero();
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void aFailedTrialReopensForAnotherCooldown() {
        fail(5, true);
        time.advance(Duration.ofSeconds(60));
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onFailure(true);
        assertThat(breaker.snapshot().state()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.snapshot().cooldownRemaining()).isEqualTo(Duration.ofSeconds(60));
        assertThat(breaker.tryAcquire()).isFalse();
    }

    @Test
    void anUncountedTrialFailureFreesTheTrialSlot() {
        fail(5, true);
        time.advance(Duration.ofSeconds(60));
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onFailure(false);
        assertThat(breaker.snapshot().state()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void resetCloses() {
        fail(5, true);
        breaker.reset();
        assertThat(breaker.snapshot().state()).isEqualTo(BreakerState.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void theOutageIsAnnouncedOnceWhenItBeginsNotOnEachFailedTrialAndAgainAfterRecovery() {
        fail(5, true);
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).state()).isEqualTo(BreakerState.OPEN);
        assertThat(opened.get(0).name()).isEqualTo("claude");
        assertThat(opened.get(0).failures()).isEqualTo(5);
        assertThat(breaker.tryAcquire()).isFalse();
        time.advance(Duration.ofSeconds(60));
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onFailure(true);
        assertThat(opened).as("a failed trial is the same outage").hasSize(1);
        time.advance(Duration.ofSeconds(60));
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onSuccess();
        fail(5, true);
        assertThat(opened).as("a new outage after recovery").hasSize(2);
    }
}
