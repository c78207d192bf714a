package ai.aragora.rest.integrations;

import java.time.Clock;
import java.util.Map;
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

import ai.aragora.crypto.aesgcm.AesGcmForTests;
import ai.aragora.storage.memory.MemoryIntegrationStore;

/**
 * An integration read answered from the cache (the store is not touched), latency percentiles on
 * one thread. Run with {@code -Pbenchmark}; not part of the test run.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@State(Scope.Thread)
public class IntegrationReadBenchmark {

    private Integrations integrations;

    @Setup
    public void setUp() {
        integrations = Integrations.with(new MemoryIntegrationStore(), AesGcmForTests.provider("7f".repeat(32)), 3600, Clock.systemUTC());
        integrations.put("org1", "slack", Map.of("name", "Ops", "channel", "#ops", "bot_token", "xoxb-123", "signing_secret", "s"));
        integrations.get("org1", "slack");
    }

    @Benchmark
    public Object getFromCache() {
        return integrations.get("org1", "slack");
    }
}
