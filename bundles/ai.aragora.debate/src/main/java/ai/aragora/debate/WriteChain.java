package ai.aragora.debate;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import ai.aragora.api.event.DebateEvent;

/**
 * The order of a debate's writes. Each write is submitted once the one before it is durable, so
 * the stored transcript is always a prefix of what was said, never with a gap. The debate goes on
 * while its writes are under way; a write's events are announced once it and every write before it
 * are durable, and a stage the debate waits for (its row, its receipt, its end) goes on only then
 * too. A failed write fails the debate at its next step.
 */
final class WriteChain {

    /** A stage that wakes the debate when it completes: a write in flight, or what the debate waits for and what it does then. */
    static final class Stage implements BiConsumer<Object, Throwable> {
        private final Debate debate;
        private final List<DebateEvent> announce;
        final Runnable next;
        volatile boolean done;
        volatile Throwable failure;

        Stage(Debate debate, List<DebateEvent> announce, Runnable next) {
            this.debate = debate;
            this.announce = announce;
            this.next = next;
        }

        @Override
        public void accept(Object ignored, Throwable thrown) {
            failure = thrown;
            done = true;
            debate.signal();
        }
    }

    private final Debate debate;
    private final ArrayDeque<Stage> inFlight = new ArrayDeque<>(4);
    private Stage await;
    private CompletionStage<Void> lastWrite;

    WriteChain(Debate debate) {
        this.debate = debate;
    }

    /** Every later write follows this one (the debate's row). */
    void startAfter(CompletionStage<Void> first) {
        lastWrite = first;
    }

    /** Submits the write after the ones before it and goes on; its events are announced once it is durable. */
    void behind(Supplier<CompletionStage<Void>> write, List<DebateEvent> announce) {
        Stage p = new Stage(debate, announce, null);
        inFlight.add(p);
        chain(write).whenComplete(p);
    }

    /** Submits the write once every write before it is durable. */
    CompletionStage<Void> chain(Supplier<CompletionStage<Void>> write) {
        CompletionStage<Void> w = lastWrite.thenCompose(ignored -> write.get());
        lastWrite = w;
        return w;
    }

    /** The debate waits for the stage, and for every write before it, then runs {@code next}. */
    void awaitThen(CompletionStage<?> stage, Runnable next) {
        Stage a = new Stage(debate, List.of(), next);
        await = a;
        stage.whenComplete(a);
    }

    /**
     * Announces the events of the writes durable so far, oldest first, up to the first one still
     * under way; returns the failure of a refused write (announcing nothing from it on), else null.
     */
    Throwable announceDurable(ListenerFanout listeners) {
        while (!inFlight.isEmpty() && inFlight.peek().done) {
            Stage p = inFlight.poll();
            if (p.failure != null) {
                return p.failure;
            }
            listeners.deliver(p.announce);
        }
        return null;
    }

    boolean awaiting() {
        return await != null;
    }

    /** The awaited stage once it and every write before it completed, no longer awaited; else null. */
    Stage awaited() {
        Stage a = await;
        if (a == null || !a.done || !inFlight.isEmpty()) {
            return null;
        }
        await = null;
        return a;
    }

    /** Forgets every write under way: the debate ended without them, nothing more is announced. */
    void abandon() {
        await = null;
        inFlight.clear();
    }

    /** A write after those already under way, whatever became of them, so that none lands after it. */
    CompletionStage<Void> last(Supplier<CompletionStage<Void>> write) {
        CompletionStage<Void> before = lastWrite == null ? CompletableFuture.completedFuture(null) : lastWrite;
        return before.handle((ignored, earlier) -> null).thenCompose(ignored -> write.get());
    }
}
