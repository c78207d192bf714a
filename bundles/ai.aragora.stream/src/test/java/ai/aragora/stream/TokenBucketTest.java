package ai.aragora.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    @Test
    void allowsTheBurstThenTheRate() {
        TokenBucket bucket = new TokenBucket(10, 3, 0);
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isFalse();
        assertThat(bucket.tryTake(100_000_000L)).as("one token after 100 ms at 10/s").isTrue();
        assertThat(bucket.tryTake(100_000_000L)).isFalse();
    }

    @Test
    void neverSavesUpMoreThanTheBurst() {
        TokenBucket bucket = new TokenBucket(10, 2, 0);
        long later = 60_000_000_000L;
        assertThat(bucket.tryTake(later)).isTrue();
        assertThat(bucket.tryTake(later)).isTrue();
        assertThat(bucket.tryTake(later)).isFalse();
    }
}
