package ai.aragora.debate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class QuietTest {

    @Test
    void itWaitsWhileAThreadOfTheProcessWorksAndReturnsOnceItStops() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread busy = new Thread(() -> {
            long x = 0;
            while (!stop.get()) {
                x += System.nanoTime() % 7;
            }
            if (x == 42) {
                System.out.print("");
            }
        });
        busy.start();
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stop.set(true);
        });
        stopper.start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        long waited = Quiet.await(new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(stop).as("returned only after the busy thread stopped").isTrue();
        assertThat(waited).isGreaterThanOrEqualTo(1000).isLessThan(Quiet.AT_MOST.toMillis());
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        busy.join();
    }
}
