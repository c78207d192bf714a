package ai.aragora.agents.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DelayLineTest {

    private final DelayLine line = new DelayLine("test-delay-line");

    @AfterEach
    void close() {
        line.close(new IllegalStateException("closed"));
    }

    @Test
    void eachFutureCompletesNoSoonerThanItsDelayAndShortDelaysOvertakeLongOnes() throws Exception {
        long start = System.nanoTime();
        CompletableFuture<Long> slow = new CompletableFuture<>();
        CompletableFuture<Long> fast = new CompletableFuture<>();
        line.complete(slow, 300L, 300);
        line.complete(fast, 30L, 30);

        long fastAt = TimeUnit.NANOSECONDS.toMillis(fast.thenApply(v -> System.nanoTime()).get(5, TimeUnit.SECONDS) - start);
        assertThat(slow).as("the long delay still waits").isNotDone();
        long slowAt = TimeUnit.NANOSECONDS.toMillis(slow.thenApply(v -> System.nanoTime()).get(5, TimeUnit.SECONDS) - start);
        assertThat(fastAt).isGreaterThanOrEqualTo(30);
        assertThat(slowAt).isGreaterThanOrEqualTo(300);
        assertThat(line.pending()).isZero();
    }

    @Test
    void everyOneOfManyConcurrentCallsIsDeliveredOnce() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<CompletableFuture<Integer>>>> batches = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int base = t * 5_000;
                batches.add(callers.submit(() -> {
                    List<CompletableFuture<Integer>> mine = new ArrayList<>();
                    for (int i = 0; i < 5_000; i++) {
                        CompletableFuture<Integer> f = new CompletableFuture<>();
                        line.complete(f, base + i, i % 3 == 0 ? 5 : 20);
                        mine.add(f);
                    }
                    return mine;
                }));
            }
            long sum = 0;
            for (Future<List<CompletableFuture<Integer>>> batch : batches) {
                for (CompletableFuture<Integer> f : batch.get(10, TimeUnit.SECONDS)) {
                    sum += f.get(10, TimeUnit.SECONDS);
                }
            }
            assertThat(sum).isEqualTo(19_999L * 20_000 / 2);
            assertThat(line.pending()).isZero();
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void closingFailsWhatIsStillWaitingAndRefusesMore() {
        CompletableFuture<String> waiting = new CompletableFuture<>();
        line.complete(waiting, "late", 60_000);

        line.close(new IllegalStateException("stopping"));

        assertThat(waiting).isCompletedExceptionally();
        assertThat(line.pending()).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> line.complete(new CompletableFuture<>(), "x", 1))
                .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }
}
