package ai.aragora.debate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class WarmupTest {

    private final PrintStream err = new PrintStream(new ByteArrayOutputStream());

    @Test
    void batchesRunUntilTheCompilersStayQuietForTwoBatchesInARow() throws Exception {
        AtomicLong compiled = new AtomicLong();
        long[] compileMillisPerBatch = {400, 300, 0, 200, 0, 0, 500};
        int[] ran = {0};
        int batches = Warmup.run(() -> {
            Thread.sleep(20);
            compiled.addAndGet(compileMillisPerBatch[ran[0]++]);
        }, compiled::get, err);

        assertThat(batches).as("a quiet batch after a busy one is not enough").isEqualTo(6);
    }

    @Test
    void withoutSettlingOneBatchRuns() throws Exception {
        int[] ran = {0};
        assertThat(Warmup.run(() -> ran[0]++, null, err)).isEqualTo(1);
        assertThat(ran[0]).isEqualTo(1);
    }
}
