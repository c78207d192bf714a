package ai.aragora.debate;

import java.util.concurrent.CompletionStage;

import ai.aragora.api.agent.Agent;
import ai.aragora.api.agent.AgentException;
import ai.aragora.api.agent.Turn;
import ai.aragora.api.debate.DebateSpec;

/**
 * Runs a debate's phases, one at a time: every call of a phase in flight at once, one timer for
 * the phase's time limit (scheduled only when the phase does not complete at once), and a call to
 * an agent that went away sent again to its successor. No thread waits on any of it: answers
 * fill the phase's slots and wake the debate.
 */
final class PhaseRunner {

    private final EngineContext engine;
    private final Debate debate;
    private final DebateSpec spec;
    private final long deadlineNanos;
    private Phase phase;
    private long seenDepartures;

    PhaseRunner(EngineContext engine, Debate debate, long deadlineNanos) {
        this.engine = engine;
        this.debate = debate;
        this.spec = debate.spec();
        this.deadlineNanos = deadlineNanos;
    }

    /** Departures from here on are the ones that concern this debate's calls. */
    void begin() {
        seenDepartures = engine.agents.departures();
    }

    void run(Phase p) {
        phase = p;
        for (int slot = 0; slot < p.size; slot++) {
            dispatch(p, slot);
        }
        if (p.size == 0) {
            wake();
        } else if (!p.isComplete()) {
            long now = engine.scheduler.nanoTime();
            long limit = Math.min(spec.agentTimeout().toNanos(), deadlineNanos - now);
            p.timeout = engine.scheduler.schedule(() -> expire(p), Math.max(0, limit));
        }
    }

    /**
     * The running phase once every slot is filled, no longer running; null while it runs (or none
     * does). Calls to agents that went away meanwhile are sent to their successors first.
     */
    Phase completed() {
        Phase p = phase;
        if (p == null) {
            return null;
        }
        long departures = engine.agents.departures();
        if (departures != seenDepartures || p.recheck) {
            seenDepartures = departures;
            p.recheck = false;
            for (int slot = 0; slot < p.size; slot++) {
                Phase.Call call = p.call(slot);
                if (!p.isFilled(slot) && call != null && departed(call)) {
                    dispatch(p, slot);
                }
            }
        }
        if (!p.isComplete()) {
            return null;
        }
        phase = null;
        p.cancelTimeout();
        return p;
    }

    /** Stops waiting for the running phase; returns it (null when none ran). Late answers are ignored. */
    Phase abandon() {
        Phase p = phase;
        if (p != null) {
            p.cancelTimeout();
            phase = null;
        }
        return p;
    }

    /** What an agent is told about the turn it is asked for, its deadline included. */
    Turn turn(int round) {
        long now = engine.scheduler.nanoTime();
        long limit = Math.min(spec.agentTimeout().toNanos(), Math.max(0, deadlineNanos - now));
        return new Turn(debate.id(), spec.task(), debate.context(), round, engine.scheduler.now().plusNanos(limit), spec.seed(),
                null);
    }

    /** Whether the agent a call went to has left the directory. */
    boolean departed(Phase.Call call) {
        Seat s = call.phase.callers[call.slot];
        return !engine.agents.isLive(s.name, call.agent);
    }

    void wake() {
        debate.signal();
    }

    private void expire(Phase p) {
        long seconds = Math.max(1, spec.agentTimeout().toSeconds());
        Failure late = new Failure(AgentException.Kind.TIMEOUT, "no answer within " + seconds + " s");
        for (int slot = 0; slot < p.size; slot++) {
            if (p.offer(slot, late)) {
                wake();
            }
        }
    }

    private void dispatch(Phase p, int slot) {
        Seat s = p.callers[slot];
        Agent agent = engine.agents.current(s.name);
        if (agent != null) {
            invoke(p, slot, agent);
            return;
        }
        p.setCall(slot, null);
        long grace = engine.settings.successorGraceNanos();
        engine.agents.successor(s.name, grace).whenComplete((successor, failure) -> {
            if (successor != null) {
                invoke(p, slot, successor);
            } else if (p.offer(slot, new Failure(AgentException.Kind.GONE, "the agent's bundle went away and no successor registered within "
                    + grace / 1_000_000 + " ms"))) {
                wake();
            }
        });
    }

    /** One call site per agent method, as the engine always had: each stays monomorphic for one agent class. */
    private static CompletionStage<?> ask(Phase p, int slot, Agent agent) {
        if (p instanceof Phase.Critiques c) {
            return agent.critique(c.requests[slot]);
        }
        if (p instanceof Phase.Votes v) {
            return agent.vote(v.request);
        }
        if (p instanceof Phase.Proposals q) {
            return agent.propose(q.requests[slot]);
        }
        return agent.synthesize(((Phase.Judgement) p).request);
    }

    private void invoke(Phase p, int slot, Agent agent) {
        Phase.Call call = new Phase.Call(this, p, slot, agent);
        p.setCall(slot, call);
        CompletionStage<?> answer;
        try {
            answer = ask(p, slot, agent);
        } catch (RuntimeException | LinkageError e) {
            call.accept(null, e);
            return;
        }
        if (answer == null) {
            call.accept(null, null);
        } else {
            answer.whenComplete(call);
        }
    }
}
