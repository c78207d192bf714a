package ai.aragora.debate;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.debate.Message;
import ai.aragora.api.debate.UsageTotals;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventType;

/**
 * How a debate ends. Its rounds reach a decision, or none (failed), or its time runs out. From
 * outside its steps, on any thread, it is asked to end: cancelled or interrupted (it ends so,
 * saying why), handed over when the engine stops (it stops at its last durable step for another
 * instance to resume), or taken over elsewhere (it stops at once, writing nothing more); those
 * orders are only noted here, the debate's next step carries them out. A refused write or a step
 * that threw fails it at once. Each end is stored before the debate's handle learns of it.
 */
final class Ends {

    private static final Logger LOG = LoggerFactory.getLogger(Ends.class);

    private final EngineContext engine;
    private final Debate debate;
    private final WriteChain writes;
    private final PhaseRunner runner;
    private final Rounds rounds;
    private final Transcript transcript;
    private final UsageMeter usage;
    private volatile DebateStatus stopRequest;
    /** The engine stops: the debate stops at its last durable step for another instance to resume. */
    private volatile boolean leaving;
    private volatile boolean relinquished;

    // Owned by the debate's steps.
    private boolean ended;
    /** Rounds done as last stored: the durable step a handover leaves the debate at. */
    private int storedRounds;

    Ends(EngineContext engine, Debate debate, WriteChain writes, PhaseRunner runner, Rounds rounds, Transcript transcript,
            UsageMeter usage) {
        this.engine = engine;
        this.debate = debate;
        this.writes = writes;
        this.runner = runner;
        this.rounds = rounds;
        this.transcript = transcript;
        this.usage = usage;
    }

    // --- orders from outside the debate's steps

    /** The debate is to end as {@code stop} (cancelled or interrupted); the first asked is the end it gets. */
    void order(DebateStatus stop) {
        if (stopRequest == null) {
            stopRequest = stop;
        }
    }

    void handOver() {
        leaving = true;
    }

    void relinquish() {
        relinquished = true;
    }

    // --- the debate's steps

    /** Whether the debate's end is set: its steps only wait for that end's writes. */
    boolean ended() {
        return ended;
    }

    /** Rounds done as stored now. */
    void stored(int roundsDone) {
        storedRounds = roundsDone;
    }

    /** Stops the debate at once, writing nothing more, if another instance took it over; false when none did. */
    boolean takenOver() {
        if (!relinquished) {
            return false;
        }
        halt(false);
        return true;
    }

    /** Ends or leaves the debate as asked from outside (cancelled, interrupted, handed over); false when nobody asked. */
    boolean asked() {
        if (stopRequest != null) {
            terminate(stopRequest, null);
        } else if (leaving) {
            leave();
        }
        return stopRequest != null || leaving;
    }

    /** Decides by the last completed vote, rates the decision, and finishes once its receipt is issued. */
    void conclude() {
        Instant at = engine.scheduler.now();
        Conclusion c = rounds.conclusion();
        if (c.note() != null) {
            transcript.say(Roles.SYSTEM, null, c.note(), rounds.round(), at);
        }
        DebateResult decided = debate.result(c.outcome(), c.answer(), c.consensus(), c.verdict(), c.winner(), c.views(), at);
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

    void timeLimitReached() {
        Phase cut = runner.abandon();
        if (cut instanceof Phase.Judgement) {
            rounds.judgeCutShort();
        }
        Instant at = engine.scheduler.now();
        long seconds = debate.spec().debateTimeout().toSeconds();
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
        finish(debate.result(end, null, null, null, null, List.of(), at), at);
    }

    /** A write failed: nothing more is announced, the debate ends as failed. */
    void storageFailed(Throwable failure) {
        LOG.warn("debate {} failed: its store refused a write: {}", debate.id(), failure.toString());
        transcript.say(Roles.SYSTEM, null, "Failed: the debate could not be stored.", rounds.round(), engine.scheduler.now());
        halt(true);
    }

    void crash(Throwable e) {
        LOG.error("debate {} failed in round {}", debate.id(), rounds.round(), e);
        if (!debate.done()) {
            halt(true);
        }
    }

    private void finish(DebateResult done, Instant at) {
        ended = true;
        transcript.end(done, at);
        List<Message> said = transcript.takeMessages();
        List<DebateEvent> events = transcript.takeEvents();
        writes.awaitThen(writes.chain(() -> engine.store.complete(done, said, events)), () -> {
            engine.listeners.deliver(events);
            debate.resolve(done);
        });
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
        String id = debate.id();
        writes.awaitThen(writes.chain(() -> engine.store.storeProgress(id, storedRounds, spent)), debate::handedBack);
    }

    /**
     * Stops at once, announcing nothing more: as failed (the failed result stored after the writes
     * under way, a refusal logged), or, taken over elsewhere, writing nothing and failing the result.
     */
    private void halt(boolean failed) {
        ended = true;
        writes.abandon();
        runner.abandon();
        DebateResult end = failed
                ? debate.result(DebateStatus.FAILED, null, null, null, null, List.of(), engine.scheduler.now())
                : null;
        try {
            if (end != null) {
                writes.last(() -> engine.store.complete(end)).whenComplete((ignored, refused) -> {
                    if (refused != null) {
                        LOG.warn("debate {}: its failed result could not be stored: {}", debate.id(), refused.toString());
                    }
                });
            }
        } finally {
            if (end != null) {
                debate.resolve(end);
            } else {
                debate.takenOver();
            }
        }
    }
}
