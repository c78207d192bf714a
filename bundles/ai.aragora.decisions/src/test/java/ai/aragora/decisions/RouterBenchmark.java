package ai.aragora.decisions;

import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import ai.aragora.api.decision.DecisionRequest;
import ai.aragora.api.decision.DecisionType;
import ai.aragora.api.decision.Priority;

/**
 * An urgent decision arriving behind 10,000 waiting normal and low ones while every engine slot
 * is busy: the time from its submission until it has started, one running decision ending in
 * between. It must be the next to start, every time: a decision that started otherwise fails the
 * run. The audit trail is in memory here, so this measures the router, not the store. Run with
 * {@code -Pbenchmark}; not part of the test run.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 5)
@State(Scope.Thread)
public class RouterBenchmark {

    static final int SLOTS = 16;
    static final int PENDING = 10_000;

    private Router router;
    private final Engine engine = new Engine();
    private long urgent;

    /** Holds what runs; starts are cheap and never refused. */
    static final class Engine extends Fakes.Engine {
        final java.util.ArrayDeque<Fakes.Handle> running = new java.util.ArrayDeque<>();
        Fakes.Handle last;

        @Override
        public ai.aragora.api.debate.DebateHandle start(ai.aragora.api.debate.DebateSpec spec) {
            last = new Fakes.Handle("deb", spec);
            running.add(last);
            return last;
        }
    }

    /** Keeps nothing: the benchmark runs millions of decisions. */
    static final class NoStore extends Fakes.Decisions {
        @Override
        public java.util.concurrent.CompletionStage<Void> record(ai.aragora.api.storage.DecisionResult r) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }

        @Override
        public java.util.concurrent.CompletionStage<Boolean> update(ai.aragora.api.storage.DecisionResult r) {
            return java.util.concurrent.CompletableFuture.completedFuture(true);
        }
    }

    @Setup
    public void fill() {
        router = new Router(Fakes.config(SLOTS));
        router.services.store = new NoStore();
        router.services.engine = engine;
        for (String agent : List.of("demo-supportive", "demo-critical", "demo-balanced")) {
            router.addAgent(Fakes.agent(agent, "1.0.0"));
        }
        for (int i = 0; i < SLOTS + PENDING; i++) {
            router.submit(request("waiting " + i, i % 2 == 0 ? Priority.NORMAL : Priority.LOW));
        }
    }

    @TearDown
    public void stop() {
        router.deactivate();
    }

    private static DecisionRequest request(String input, Priority priority) {
        return new DecisionRequest(input, DecisionType.DEBATE, priority, null, List.of(), 0, null, 0, null, "org", null, false,
                null);
    }

    /** Submit an urgent decision, free one slot, and check it was the one that started. */
    @Benchmark
    public Object urgentStartsInTheNextFreeSlot() {
        String input = "urgent " + urgent++;
        router.submit(request(input, Priority.URGENT));
        engine.running.poll().decide("done", null);
        Fakes.Handle next = engine.last;
        if (!next.spec.task().equals(input)) {
            throw new IllegalStateException("after one slot freed, '" + next.spec.task() + "' started instead of " + input);
        }
        // keep 10,000 waiting: the freed slot went to the urgent one, so one more waits
        router.submit(request("refill " + urgent, Priority.NORMAL));
        return next;
    }
}
