package ai.aragora.debate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;

import ai.aragora.api.agent.AgentInfo;
import ai.aragora.api.debate.ConsensusOutcome;
import ai.aragora.api.debate.DebateHandle;
import ai.aragora.api.debate.DebateHandedOver;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.debate.Message;
import ai.aragora.api.debate.UsageTotals;
import ai.aragora.api.debate.Verdict;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventData;
import ai.aragora.api.event.EventType;
import ai.aragora.api.resilience.FallbackNotice;
import ai.aragora.api.storage.DebateRecord;

/**
 * One debate, run as a state machine. Every step runs in {@link #drain()}, which one thread at a
 * time enters; agents' answers, timeouts and store completions only fill slots and wake it. When
 * agents answer at once the whole debate runs in one pass without a thread switch.
 *
 * <p>This class is the debate's handle and its steps: how it starts, what each step does, and
 * how its result completes. The rounds are {@link Rounds}, the agent calls {@link PhaseRunner},
 * the order of its writes {@link WriteChain}, what it said {@link Transcript}, what its agents are
 * told besides the task {@link Briefing}, how it ends (decided, cancelled, interrupted, out of time,
 * failed, handed over) {@link Ends}, what it decided {@link Conclusion}, and what a decision sets
 * off {@link DecisionEffects}.
 */
final class Debate implements DebateHandle {

    private final EngineContext engine;
    private final String id;
    private final DebateSpec spec;
    private final long startNanos;
    private final long deadlineNanos;
    private final Instant createdAt;
    private final Seats seats;
    private final Briefing briefing;
    private final Transcript transcript;
    private final UsageMeter usage = new UsageMeter();
    private final WriteChain writes = new WriteChain(this);
    private final PhaseRunner runner;
    private final Rounds rounds;
    private final CompletableFuture<DebateResult> result = new CompletableFuture<>();
    private final Ends ends;
    private final Steps steps;
    private final Queue<FallbackNotice> fallbacks = new ConcurrentLinkedQueue<>();
    private volatile DebateStatus status = DebateStatus.CREATED;
    private volatile CompletionStage<Void> created;
    private volatile boolean handedOver;

    // Owned by the debate's steps.
    private boolean begun;
    private boolean timedOut;

    Debate(EngineContext engine, String id, DebateSpec spec, AgentInfo[] infos, AgentInfo judgeInfo,
            CompletableFuture<PriorKnowledgeLookup.Outcome> lookup) {
        this(engine, id, spec, infos, judgeInfo, lookup, engine.scheduler.now(), new Transcript(id));
    }

    /** A debate that began at {@code createdAt}; its time limit counts from then. */
    Debate(EngineContext engine, String id, DebateSpec spec, AgentInfo[] infos, AgentInfo judgeInfo,
            CompletableFuture<PriorKnowledgeLookup.Outcome> lookup, Instant createdAt, Transcript transcript) {
        this.engine = engine;
        this.id = id;
        this.spec = spec;
        this.briefing = new Briefing(spec, lookup);
        this.seats = new Seats(spec, infos, judgeInfo, engine.ratings);
        long elapsed = Math.max(0, java.time.Duration.between(createdAt, engine.scheduler.now()).toNanos());
        this.startNanos = engine.scheduler.nanoTime() - elapsed;
        this.deadlineNanos = startNanos + spec.debateTimeout().toNanos();
        this.createdAt = createdAt;
        this.transcript = transcript;
        this.runner = new PhaseRunner(engine, this, deadlineNanos);
        this.rounds = new Rounds(engine, this, seats, transcript, runner, usage);
        this.ends = new Ends(engine, this, writes, runner, rounds, transcript, usage);
        this.steps = new Steps(engine.executor, this::step, ends::crash);
    }

    // --- DebateHandle

    @Override
    public String id() {
        return id;
    }

    @Override
    public DebateSpec spec() {
        return spec;
    }

    @Override
    public DebateStatus status() {
        return status;
    }

    @Override
    public CompletionStage<Void> stored() {
        return created;
    }

    @Override
    public CompletionStage<DebateResult> result() {
        return result.minimalCompletionStage();
    }

    /** What every agent is told besides the task: the spec's context and the prior knowledge given. */
    String context() {
        return briefing.context();
    }

    // --- control from outside the debate's steps

    /** Makes the debate durable and sets it going. */
    void start(String createdBy) {
        created = engine.store.create(new DebateRecord(id, spec, createdBy, DebateStatus.CREATED, 0, false, createdAt, createdAt));
        signal();
    }

    /** Sets going again a debate another process began, from its stored transcript after {@code storedRounds} rounds. */
    void resume(int storedRounds, List<Message> messages, List<DebateEvent> events, UsageTotals spent) {
        rounds.replay(Replay.of(spec, storedRounds, messages, events, seats, engine.ratings));
        usage.carry(spent);
        ends.stored(storedRounds);
        created = engine.store.updateStatus(id, DebateStatus.RUNNING, storedRounds);
        signal();
    }

    /** Another instance took the debate over: it stops here at its next step, writing nothing more. */
    void relinquish() {
        if (!result.isDone()) {
            ends.relinquish();
            signal();
        }
    }

    /** The engine stops; another instance, or this one restarted, is to resume the debate: it stops at its next step. */
    void handOver() {
        ends.handOver();
        signal();
    }

    /** Whether the debate stopped here to be resumed elsewhere. */
    boolean handedOver() {
        return handedOver;
    }

    /** Asks the debate to end as {@code stop} (cancelled or interrupted) at its next step. */
    boolean requestStop(DebateStatus stop) {
        if (result.isDone()) {
            return false;
        }
        ends.order(stop);
        signal();
        return true;
    }

    /**
     * A provider rerouted one of this debate's calls: the next step records it as an
     * {@code agent_fallback_triggered} event, in order with everything else the debate says.
     */
    void fallback(FallbackNotice notice) {
        if (!result.isDone()) {
            fallbacks.add(notice);
            signal();
        }
    }

    /** Wakes the debate: its next step runs on the engine's executor unless a step is running now. */
    void signal() {
        steps.signal();
    }

    // --- the state machine

    private void step() {
        if (result.isDone()) {
            return;
        }
        if (ends.takenOver()) {
            return;
        }
        Throwable refused = writes.announceDurable(engine.listeners);
        if (refused != null) {
            ends.storageFailed(refused);
            return;
        }
        if (writes.awaiting()) {
            WriteChain.Stage a = writes.awaited();
            if (a == null) {
                return;
            }
            if (a.failure != null) {
                ends.storageFailed(a.failure);
                return;
            }
            if (!ends.ended() && ends.asked()) {
                return;
            }
            a.next.run();
            return;
        }
        if (ends.ended()) {
            return;
        }
        for (FallbackNotice n = fallbacks.poll(); n != null; n = fallbacks.poll()) {
            transcript.fallback(n);
        }
        if (!begun) {
            // A signal (an agent leaving, say) can wake a debate the arena registered but not yet started.
            if (created == null) {
                return;
            }
            begun = true;
            launch();
            return;
        }
        if (ends.asked()) {
            return;
        }
        if (engine.scheduler.nanoTime() - deadlineNanos >= 0 && !timedOut) {
            timedOut = true;
            ends.timeLimitReached();
            return;
        }
        Phase p = runner.completed();
        if (p != null) {
            p.completed(rounds);
        }
    }

    private void launch() {
        status = DebateStatus.RUNNING;
        runner.begin();
        writes.startAfter(created);
        CompletionStage<?> ready = created.thenCombine(briefing.lookup(), (stored, found) -> found); // the first step: bounded by its deadline
        if (rounds.resuming()) {
            writes.awaitThen(ready, () -> {
                briefing.take();
                rounds.resume(engine.scheduler.now());
            });
            return;
        }
        writes.awaitThen(ready, () -> {
            Map<String, Object> injected = briefing.take();
            writes.behind(() -> engine.store.updateStatus(id, DebateStatus.RUNNING, 0), List.of());
            Instant at = engine.scheduler.now();
            transcript.emit(EventType.DEBATE_START, 0, null, at, EventData.of("task", spec.task(), "agents", spec.agents(), "rounds",
                    spec.rounds(), "consensus", Wire.of(spec.consensus())));
            if (injected != null) {
                transcript.emit(EventType.KNOWLEDGE_INJECTED, 0, null, at, injected);
            }
            rounds.begin(at);
        });
    }

    // --- what the rounds ask of the debate

    /**
     * Writes what this step said; the debate goes on at once: the next phase's agent calls overlap
     * the write, and what was said is announced only once it is durable.
     */
    void flush() {
        List<Message> said = transcript.takeMessages();
        List<DebateEvent> events = transcript.takeEvents();
        if (!said.isEmpty() || !events.isEmpty()) {
            writes.behind(() -> engine.store.append(id, said, events), events);
        }
    }

    /** Stores that {@code roundsUsed} rounds are done and what their calls cost, after everything written before. */
    void storeProgress(int roundsUsed) {
        UsageTotals spent = usage.totals();
        ends.stored(roundsUsed);
        writes.behind(() -> engine.store.storeProgress(id, roundsUsed, spent), List.of());
    }

    boolean timedOut() {
        return timedOut;
    }

    /** Decides by the last completed vote (see {@link Ends#conclude}). */
    void conclude() {
        ends.conclude();
    }

    /** Ends without a decision: cancelled, interrupted, or failed. */
    void terminate(DebateStatus end, String reason) {
        ends.terminate(end, reason);
    }

    // --- the handle's result, once an end is carried out

    boolean done() {
        return result.isDone();
    }

    /** The end is stored: out of the engine, then the result. */
    void resolve(DebateResult done) {
        status = done.status();
        // Out of the engine's count before anyone waiting on the result starts the next debate.
        engine.finished.accept(this);
        result.complete(done);
    }

    /** Left at its last durable step: out of the engine, its handle's result says it goes on elsewhere. */
    void handedBack() {
        handedOver = true;
        engine.finished.accept(this);
        result.completeExceptionally(new DebateHandedOver(id));
    }

    /** Another instance took the debate over: out of the engine, with no result of its own here. */
    void takenOver() {
        engine.finished.accept(this);
        result.completeExceptionally(new IllegalStateException("debate " + id + " was taken over by another instance"));
    }

    /** The result of an end reached now, {@code at}. */
    DebateResult result(DebateStatus end, String answer, ConsensusOutcome consensus, Verdict verdict, String winner,
            List<String> views, Instant at) {
        double seconds = Decimals.round((engine.scheduler.nanoTime() - startNanos) / 1e9, 3);
        return new DebateResult(id, spec, end, answer, consensus, verdict, Math.max(rounds.round(), 1), seconds,
                seats.participants(), winner, views, transcript.messages(), rounds.critiques(), rounds.votes(),
                rounds.baseline(), rounds.convergence(), rounds.interventions(), rounds.failures(), usage.totals(), createdAt,
                at, null, briefing.nodeIds());
    }
}
