package ai.aragora.rest.debates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import ai.aragora.api.cluster.SharedCounters;

class CreationLimiterTest {

    @Test
    void allowsTheBurstThenAsksToWait() {
        CreationLimiter limiter = new CreationLimiter(60, 2);
        assertThat(limiter.acquire("u", 0)).isZero();
        assertThat(limiter.acquire("u", 0)).isZero();
        assertThat(limiter.acquire("u", 0)).isEqualTo(1);
        assertThat(limiter.acquire("u", 1_000_000_000L)).as("one a second refills after a second").isZero();
    }

    @Test
    void principalsHaveTheirOwnBuckets() {
        CreationLimiter limiter = new CreationLimiter(1, 1);
        assertThat(limiter.acquire("a", 0)).isZero();
        assertThat(limiter.acquire("a", 0)).isEqualTo(60);
        assertThat(limiter.acquire("b", 0)).isZero();
    }

    @Test
    void itsStatusCountsKeysThatAreLimitedAndRefusals() {
        CreationLimiter limiter = new CreationLimiter(1, 1);
        limiter.acquire("a", 0);
        limiter.acquire("a", 0);
        limiter.acquire("b", 0);
        assertThat(limiter.status(0, false)).isEqualTo(new ai.aragora.api.ops.RateLimit("debates.create", "principal", 1, 1, 2, 2, 1));
        assertThat(limiter.status(60_000_000_000L, false).limitedKeys()).as("a minute refills both").isZero();
    }

    @Test
    void sharedCountersDecideWhilePresentAndTheOwnBucketWhenTheyFail() {
        List<String> asked = new ArrayList<>();
        boolean[] reachable = {true};
        SharedCounters counters = (limiter, key, burst, interval) -> {
            if (!reachable[0]) {
                throw new IllegalStateException("redis unreachable: connection refused");
            }
            asked.add(limiter + " " + key + " " + burst + " " + interval);
            return new SharedCounters.Admission(false, 0, Duration.ofMillis(1500));
        };
        CreationLimiter limiter = new CreationLimiter(30, 2);
        assertThat(limiter.status(0, true).shared()).as("present and not failed").isTrue();
        assertThat(limiter.acquire("u", 0, counters)).as("refused elsewhere: retry rounded up to seconds").isEqualTo(2);
        assertThat(asked).containsExactly("debates.create u 2 PT2S");
        assertThat(limiter.status(0, true).shared()).isTrue();
        assertThat(limiter.status(0, true).rejected()).isEqualTo(1);

        reachable[0] = false;
        assertThat(limiter.acquire("u", 0, counters)).as("the own bucket, still full").isZero();
        assertThat(limiter.acquire("u", 0, counters)).isZero();
        assertThat(limiter.acquire("u", 0, counters)).isPositive();
        assertThat(limiter.status(0, true).shared()).as("failed: this instance decides").isFalse();
        assertThat(limiter.acquire("v", 0, null)).isZero();
    }
}
