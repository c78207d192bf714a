package ai.aragora.debate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimingWheelTest {

    private final TimingWheel wheel = new TimingWheel("test-wheel");

    @AfterEach
    void stop() {
        wheel.stop();
    }

    @Test
    void aTimerRunsNoSoonerThanItsDelayAndAtMostATickLater() throws Exception {
        for (long millis : new long[] {0, 25, 120}) {
            long start = System.nanoTime();
            CompletableFuture<Long> ran = new CompletableFuture<>();
            wheel.schedule(() -> ran.complete(System.nanoTime()), TimeUnit.MILLISECONDS.toNanos(millis));
            long after = TimeUnit.NANOSECONDS.toMillis(ran.get(5, TimeUnit.SECONDS) - start);
            assertThat(after).as("%d ms timer", millis).isGreaterThanOrEqualTo(millis);
        }
        assertThat(wheel.waiting()).isZero();
    }

    @Test
    void aTimerBeyondOneTurnOfTheWheelWaitsItsWholeDelay() throws Exception {
        long delay = TimingWheel.SLOTS * TimingWheel.TICK_MILLIS + 150; // one turn and a bit
        long start = System.nanoTime();
        CompletableFuture<Long> ran = new CompletableFuture<>();
        wheel.schedule(() -> ran.complete(System.nanoTime()), TimeUnit.MILLISECONDS.toNanos(delay));
        long after = TimeUnit.NANOSECONDS.toMillis(ran.get(15, TimeUnit.SECONDS) - start);
        assertThat(after).isGreaterThanOrEqualTo(delay);
    }

    @Test
    void calledOffTimersNeverRunAndLeaveTheWheel() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        List<Scheduler.Timer> timers = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            timers.add(wheel.schedule(ran::incrementAndGet, TimeUnit.MILLISECONDS.toNanos(50 + i % 100)));
        }
        CountDownLatch kept = new CountDownLatch(1);
        wheel.schedule(kept::countDown, TimeUnit.MILLISECONDS.toNanos(60));
        timers.forEach(Scheduler.Timer::cancel);
        timers.forEach(Scheduler.Timer::cancel); // twice is once

        assertThat(kept.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(250);
        assertThat(ran).hasValue(0);
        assertThat(wheel.waiting()).isZero();
    }

    @Test
    void manyTimersSetFromManyThreadsEachRunOnce() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        List<Thread> setters = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread setter = new Thread(() -> {
                for (int i = 0; i < 5_000; i++) {
                    Scheduler.Timer timer = wheel.schedule(ran::incrementAndGet, TimeUnit.MILLISECONDS.toNanos(i % 40));
                    if (i % 2 == 1) {
                        timer.cancel();
                    }
                }
            });
            setters.add(setter);
            setter.start();
        }
        for (Thread setter : setters) {
            setter.join();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (wheel.waiting() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(wheel.waiting()).isZero();
        // a cancel may lose to a timer of 0 ms that already ran: at least the uncancelled ones, at most all
        assertThat(ran.get()).isBetween(10_000, 20_000);
    }
}
