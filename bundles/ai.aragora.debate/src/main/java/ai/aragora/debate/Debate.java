package ai.aragora.debate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
import ai.aragora.api.event.EventType;
import ai.aragora.api.knowledge.PriorKnowledge;
import ai.aragora.api.resilience.FallbackNotice;
import ai.aragora.api.storage.DebateRecord;

/**
 * One debate, run as a state machine. Every step runs in {@link #drain()}, which one thread at a
 * time enters; agents' answers, timeouts and store completions only fill slots and wake it. When
 * agents answer at once the whole debate runs in one pass without a thread switch.
 *
 * <p>This class is the debate's life: its start, its steps, and its ends (decided, cancelled,
 * interrupted, out of time, failed). The rounds are {@link Rounds}, the agent calls
 * {@link PhaseRunner}, the order of its writes {@link WriteChain}, what it said {@link Transcript},
 * what it decided {@link Conclusion}, and what a decision sets off {@link DecisionEffects}.
 */
final class Debate implements DebateHandle {

    private static final Logger LOG = LoggerFactory.getLogger(Debate.class);

    private final EngineContext engine;
    private final String id;
    private final DebateSpec spec;
    private final long startNanos;
    private final long deadlineNanos;
    private final Instant createdAt;
    private final Seats seats;
    private final CompletableFuture<PriorKnowledgeLookup.Outcome> lookup;
    private final Transcript transcript;
    private final UsageMeter usage = new UsageMeter();
    private final WriteChain writes = new WriteChain(this);
    private final PhaseRunner runner;
    private final Rounds rounds;
    private final CompletableFuture<DebateResult> result = new CompletableFuture<>();
    private final Steps steps;
    private final Queue<FallbackNotice> fallbacks = new ConcurrentLinkedQueue<>();
    private volatile DebateStatus status = DebateStatus.CREATED;
    private volatile DebateStatus stopRequest;
    private volatile CompletionStage<Void> created;
    private volatile boolean relinquished;
    /** The engine stops: the debate stops at its last durable step for another instance to resume. */
    private volatile boolean leaving;
    private volatile boolean handedOver;

    // Owned by the debate's steps.
    private boolean begun;
    private boolean ended;
    private boolean timedOut;
    /** Rounds done as last stored: the durable step a handover leaves the debate at. */
    private int storedRounds;
    private PriorKnowledge prior = PriorKnowledge.NONE;
    private String context;

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
        this.lookup = lookup;
        this.context = spec.context();
        this.seats = new Seats(spec, infos, judgeInfo, engine.ratings);
        long elapsed = Math.max(0, java.time.Duration.between(createdAt, engine.scheduler.now()).toNanos());
        this.startNanos = engine.scheduler.nanoTime() - elapsed;
        this.deadlineNanos = startNanos + spec.debateTimeout().toNanos();
        this.createdAt = createdAt;
        this.transcript = transcript;
        this.runner = new PhaseRunner(engine, this, deadlineNanos);
        this.rounds = new Rounds(engine, this, seats, transcript, runner, usage);
        this.steps = new Steps(engine.executor, this::step, this::crash);
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
        return context;
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
        this.storedRounds = storedRounds;
        created = engine.store.updateStatus(id, DebateStatus.RUNNING, storedRounds);
        signal();
    }

    /** Another instance took the debate over: it stops here at its next step, writing nothing more. */
    void relinquish() {
        if (!result.isDone()) {
            relinquished = true;
            signal();
        }
    }

    /** The engine stops; another instance, or this one restarted, is to resume the debate: it stops at its next step. */
    void handOver() {
        leaving = true;
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
        if (stopRequest == null) {
            stopRequest = stop;
        }
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
        if (relinquished) {
            halt(false);
            return;
        }
        Throwable refused = writes.announceDurable(engine.listeners);
        if (refused != null) {
            storageFailed(refused);
            return;
        }
        if (writes.awaiting()) {
            WriteChain.Stage a = writes.awaited();
            if (a == null) {
                return;
            }
            if (a.failure != null) {
                storageFailed(a.failure);
                return;
            }
            if (!ended && stopAsked()) {
                return;
            }
            a.next.run();
            return;
        }
        if (ended) {
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
        if (stopAsked()) {
            return;
        }
        if (engine.scheduler.nanoTime() - deadlineNanos >= 0 && !timedOut) {
            timedOut = true;
            timeLimitReached();
            return;
        }
        Phase p = runner.completed();
        if (p != null) {
            p.completed(rounds);
        }
    }

    /** Ends or leaves the debate as asked from outside (cancelled, interrupted, handed over); false when nobody asked. */
    private boolean stopAsked() {
        if (stopRequest != null) {
            terminate(stopRequest, null);
        } else if (leaving) {
            leave();
        }
        return stopRequest != null || leaving;
    }

    private void launch() {
        status = DebateStatus.RUNNING;
        runner.begin();
        writes.startAfter(created);
        CompletionStage<?> ready = created.thenCombine(lookup, (stored, found) -> found); // the first step: bounded by its deadline
        if (rounds.resuming()) {
            writes.awaitThen(ready, () -> {
                given();
                rounds.resume(engine.scheduler.now());
            });
            return;
        }
        writes.awaitThen(ready, () -> {
            Map<String, Object> injected = given();
            writes.behind(() -> engine.store.updateStatus(id, DebateStatus.RUNNING, 0), List.of());
            Instant at = engine.scheduler.now();
            transcript.emit(EventType.DEBATE_START, 0, null, at, Map.of("task", spec.task(), "agents", spec.agents(), "rounds",
                    spec.rounds(), "consensus", Wire.of(spec.consensus())));
            if (injected != null) {
                transcript.emit(EventType.KNOWLEDGE_INJECTED, 0, null, at, injected);
            }
            rounds.begin(at);
        });
    }

    /** Takes the prior knowledge looked up; returns the {@code knowledge_injected} data, null for none. */
    private Map<String, Object> given() {
        PriorKnowledgeLookup.Outcome found = lookup.join();
        prior = found.prior();
        context = PriorKnowledgeLookup.context(spec, prior);
        return PriorKnowledgeLookup.eventData(found);
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
        storedRounds = roundsUsed;
        writes.behind(() -> engine.store.storeProgress(id, roundsUsed, spent), List.of());
    }

    boolean timedOut() {
        return timedOut;
    }

    // --- the ends

    /** Decides by the last completed vote, rates the decision, and finishes once its receipt is issued. */
    void conclude() {
        Instant at = engine.scheduler.now();
        Conclusion c = rounds.conclusion();
        if (c.note() != null) {
            transcript.say(Roles.SYSTEM, null, c.note(), rounds.round(), at);
        }
        DebateResult decided = result(c.outcome(), c.answer(), c.consensus(), c.verdict(), c.winner(), c.views(), at);
        transcript.emit(EventType.CONSENSUS, rounds.round(), null, at, c.eventData());
        CompletableFuture<String> receipt = DecisionEffects.take(engine, decided, c.rated());
        if (receipt == null) {
            finish(decided, at);
            return;
        }
        // Decided: a cancel or shutdown from here on no longer turns the decision (rated, being signed) into another end.
        ended = true;
        writes.awaitThen(receipt, () -> {
            String receiptId = receipt.join();
            finish(receiptId == null ? decided : decided.withReceipt(receiptId), at);
        });
    }

    private void timeLimitReached() {
        Phase cut = runner.abandon();
        if (cut instanceof Phase.Judgement) {
            rounds.judgeCutShort();
        }
        Instant at = engine.scheduler.now();
        long seconds = spec.debateTimeout().toSeconds();
        if (!rounds.voted()) {
            terminate(DebateStatus.FAILED, "the debate's time limit of " + seconds + " s passed before any vote");
            return;
        }
        transcript.say(Roles.SYSTEM, null, "The debate's time limit of " + seconds + " s passed in round " + rounds.round()
                + "; the last completed vote decides.", rounds.round(), at);
        conclude();
    }

    /** Ends without a decision: cancelled, interrupted, or failed. */
    void terminate(DebateStatus end, String reason) {
        runner.abandon();
        Instant at = engine.scheduler.now();
        String why = reason != null ? reason
                : end == DebateStatus.CANCELLED ? "The debate was cancelled."
                : "Interrupted: the server stopped while the debate ran.";
        transcript.say(Roles.SYSTEM, null, why, rounds.round(), at);
        finish(result(end, null, null, null, null, List.of(), at), at);
    }

    private void finish(DebateResult done, Instant at) {
        ended = true;
        transcript.end(done, at);
        List<Message> said = transcript.takeMessages();
        List<DebateEvent> events = transcript.takeEvents();
        writes.awaitThen(writes.chain(() -> engine.store.complete(done, said, events)), () -> resolve(done, events));
    }

    private void resolve(DebateResult done, List<DebateEvent> events) {
        engine.listeners.deliver(events);
        status = done.status();
        // Out of the engine's count before anyone waiting on the result starts the next debate.
        engine.finished.accept(this);
        result.complete(done);
    }

    /**
     * Stops at the last durable step, saying nothing more: the round under way starts again
     * wherever the debate is resumed. Once what was written is durable, with the progress and all
     * the calls' cost (the round under way's too), the debate leaves the engine, its job given back.
     */
    private void leave() {
        ended = true;
        runner.abandon();
        UsageTotals spent = usage.totals();
        writes.awaitThen(writes.chain(() -> engine.store.storeProgress(id, storedRounds, spent)), () -> {
            handedOver = true;
            engine.finished.accept(this);
            result.completeExceptionally(new DebateHandedOver(id));
        });
    }

    /** A write failed: nothing more is announced, the debate ends as failed. */
    private void storageFailed(Throwable failure) {
        LOG.warn("debate {} failed: its store refused a write: {}", id, failure.toString());
        transcript.say(Roles.SYSTEM, null, "Failed: the debate could not be stored.", rounds.round(), engine.scheduler.now());
        halt(true);
    }

    private void crash(Throwable e) {
        LOG.error("debate {} failed in round {}", id, rounds.round(), e);
        if (!result.isDone()) {
            halt(true);
        }
    }

    /**
     * Stops at once, announcing nothing more: as failed (the failed result stored after the writes
     * under way, a refusal logged), or, taken over elsewhere, writing nothing and failing the result.
     */
    private void halt(boolean failed) {
        ended = true;
        writes.abandon();
        runner.abandon();
        DebateResult end = failed ? result(DebateStatus.FAILED, null, null, null, null, List.of(), engine.scheduler.now()) : null;
        try {
            if (end != null) {
                writes.last(() -> engine.store.complete(end)).whenComplete((ignored, refused) -> {
                    if (refused != null) {
                        LOG.warn("debate {}: its failed result could not be stored: {}", id, refused.toString());
                    }
                });
            }
        } finally {
            status = end != null ? DebateStatus.FAILED : status;
            engine.finished.accept(this);
            if (end != null) {
                result.complete(end);
            } else {
                result.completeExceptionally(new IllegalStateException("debate " + id + " was taken over by another instance"));
            }
        }
    }

    private DebateResult result(DebateStatus end, String answer, ConsensusOutcome consensus, Verdict verdict, String winner,
            List<String> views, Instant at) {
        double seconds = Decimals.round((engine.scheduler.nanoTime() - startNanos) / 1e9, 3);
        return new DebateResult(id, spec, end, answer, consensus, verdict, Math.max(rounds.round(), 1), seconds,
                seats.participants(), winner, views, transcript.messages(), rounds.critiques(), rounds.votes(),
                rounds.baseline(), rounds.convergence(), rounds.interventions(), rounds.failures(), usage.totals(), createdAt,
                at, null, prior.nodeIds());
    }
}
