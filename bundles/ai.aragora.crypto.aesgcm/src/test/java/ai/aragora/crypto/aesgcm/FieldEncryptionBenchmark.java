package ai.aragora.crypto.aesgcm;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import ai.aragora.api.crypto.Envelope;
import ai.aragora.api.crypto.FieldContext;

/**
 * One 256-byte field sealed and opened again per operation, on one thread, with the usage count
 * and metrics as in the server (counts reserved in the state dir's file every 10,000). Run with
 * {@code -Pbenchmark}; not part of the test run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = "-XX:ActiveProcessorCount=1")
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 5)
@State(Scope.Thread)
public class FieldEncryptionBenchmark {

    private AesGcmFieldEncryption provider;
    private String field;
    private Envelope sealed;
    private final FieldContext context = new FieldContext("integrations", "org-0001/slack", "bot_token");

    @Setup
    public void setUp() throws Exception {
        java.nio.file.Path state = java.nio.file.Files.createTempDirectory("aragora-bench-aesgcm");
        provider = new AesGcmFieldEncryption(KeyRing.of(new String[] {"5e".repeat(32)}),
                new UsageLedger(Optional.of(state), Long.MAX_VALUE / 2, 10_000, (id, n) -> { }));
        field = "x".repeat(256);
        sealed = provider.encrypt(field, context);
    }

    @Benchmark
    public String encryptAndDecrypt() {
        return provider.decrypt(provider.encrypt(field, context), context);
    }

    @Benchmark
    public Envelope encrypt() {
        return provider.encrypt(field, context);
    }

    @Benchmark
    public String decrypt() {
        return provider.decrypt(sealed, context);
    }

    /**
     * Encrypt+decrypt per second of this thread's CPU time: the one-core rate even on a machine
     * whose other work steals the core, which JMH's wall-clock rate then understates.
     */
    public static void main(String[] args) throws Exception {
        FieldEncryptionBenchmark b = new FieldEncryptionBenchmark();
        b.setUp();
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 8; round++) {
            long ops = 0;
            long start = cpu.getCurrentThreadCpuTime();
            long wallStart = System.nanoTime();
            while (System.nanoTime() - wallStart < 3_000_000_000L) {
                for (int i = 0; i < 1000; i++) {
                    b.encryptAndDecrypt();
                }
                ops += 1000;
            }
            double cpuSeconds = (cpu.getCurrentThreadCpuTime() - start) / 1e9;
            System.out.printf("round %d: %.0f encrypt+decrypt per CPU-second (%d ops, %.2f CPU s)%n", round, ops / cpuSeconds, ops,
                    cpuSeconds);
        }
    }
}
