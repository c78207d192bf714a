package ai.aragora.rest.debates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
        assertThat(limiter.status(0)).isEqualTo(new ai.aragora.api.ops.RateLimit("debates.create", "principal", 1, 1, 2, 2, 1));
        assertThat(limiter.status(60_000_000_000L).limitedKeys()).as("a minute refills both").isZero();
    }
}
