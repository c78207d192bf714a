package ai.aragora.debate;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import ai.aragora.api.agent.Agent;
import ai.aragora.api.agent.AgentException;
import ai.aragora.api.agent.CritiqueRequest;
import ai.aragora.api.agent.ProposalRequest;
import ai.aragora.api.agent.SynthesisRequest;
import ai.aragora.api.agent.VoteRequest;

/**
 * One fan-out of a debate: a call per slot, all in flight at once. Each slot takes the first
 * answer, failure or timeout that arrives; when the last slot is filled the debate is woken.
 * A slot's call can be replaced (its agent's bundle went away), after which the old call's
 * answer is ignored. Each kind of phase carries its own typed requests.
 */
abstract sealed class Phase permits Phase.Proposals, Phase.Critiques, Phase.Votes, Phase.Judgement {

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle CALLS = MethodHandles.arrayElementVarHandle(Call[].class);

    final int round;
    final int size;
    final Seat[] callers;
    /** Per slot: the agent's answer, or a {@link Failure}. */
    private final Object[] results;
    private final Call[] calls;
    private final AtomicInteger pending;
    volatile Scheduler.Timer timeout;
    /** Set when a call failed on an agent that is no longer registered: look for its successor. */
    volatile boolean recheck;

    private Phase(int round, int size) {
        this.round = round;
        this.size = size;
        this.callers = new Seat[size];
        this.results = new Object[size];
        this.calls = new Call[size];
        this.pending = new AtomicInteger(size);
    }

    /** The phase as failures and events name it. */
    abstract String name();

    /** Hands the answers of the completed phase to the step that reads them. */
    abstract void completed(Rounds rounds);

    /** Proposals in round 1, revisions after it. */
    static final class Proposals extends Phase {
        final ProposalRequest[] requests;
        /** The leader's answer to the contrarian's attack, before the final vote. */
        final boolean defence;

        Proposals(int round, int size) {
            this(round, size, false);
        }

        Proposals(int round, int size, boolean defence) {
            super(round, size);
            requests = new ProposalRequest[size];
            this.defence = defence;
        }

        @Override
        String name() {
            return defence ? "defend" : "propose";
        }

        @Override
        void completed(Rounds rounds) {
            rounds.onProposals(this);
        }
    }

    /** Each critic on each other agent's current proposal. */
    static final class Critiques extends Phase {
        /** The seat whose proposal is critiqued, per slot. */
        final Seat[] targets;
        final CritiqueRequest[] requests;
        /** The contrarian's attack on the leading proposal (a gauntlet), not the round's critiques. */
        final boolean attack;

        Critiques(int round, int size) {
            this(round, size, false);
        }

        Critiques(int round, int size, boolean attack) {
            super(round, size);
            targets = new Seat[size];
            requests = new CritiqueRequest[size];
            this.attack = attack;
        }

        @Override
        String name() {
            return attack ? "attack" : "critique";
        }

        @Override
        void completed(Rounds rounds) {
            if (attack) {
                rounds.onAttack(this);
            } else {
                rounds.onCritiques(this);
            }
        }
    }

    /** A vote of every live agent on the same proposals: the round's, or the baseline before any critique. */
    static final class Votes extends Phase {
        final VoteRequest request;

        Votes(int round, int size, VoteRequest request) {
            super(round, size);
            this.request = request;
        }

        boolean baseline() {
            return request.baseline();
        }

        @Override
        String name() {
            return baseline() ? "baseline_vote" : "vote";
        }

        @Override
        void completed(Rounds rounds) {
            if (baseline()) {
                rounds.onBaseline(this);
            } else {
                rounds.onVotes(this);
            }
        }
    }

    /** The judge's synthesis of the last proposals and critiques. */
    static final class Judgement extends Phase {
        final SynthesisRequest request;

        Judgement(int round, Seat judge, SynthesisRequest request) {
            super(round, 1);
            callers[0] = judge;
            this.request = request;
        }

        @Override
        String name() {
            return "judge";
        }

        @Override
        void completed(Rounds rounds) {
            rounds.onJudgement(this);
        }
    }

    /** Fills the slot unless it is filled; true for the answer that completes the phase. */
    boolean offer(int slot, Object result) {
        return SLOTS.compareAndSet(results, slot, null, result) && pending.decrementAndGet() == 0;
    }

    /** The slot's answer, or a {@link Failure}; null while the slot is open. */
    Object result(int slot) {
        return SLOTS.getVolatile(results, slot);
    }

    boolean isFilled(int slot) {
        return SLOTS.getVolatile(results, slot) != null;
    }

    boolean isComplete() {
        return pending.get() == 0;
    }

    Call call(int slot) {
        return (Call) CALLS.getVolatile(calls, slot);
    }

    void setCall(int slot, Call call) {
        CALLS.setVolatile(calls, slot, call);
    }

    void cancelTimeout() {
        Scheduler.Timer t = timeout;
        if (t != null) {
            t.cancel();
        }
    }

    /** One call to one agent for one slot; receives the agent's answer. */
    static final class Call implements BiConsumer<Object, Throwable> {
        final PhaseRunner runner;
        final Phase phase;
        final int slot;
        final Agent agent;

        Call(PhaseRunner runner, Phase phase, int slot, Agent agent) {
            this.runner = runner;
            this.phase = phase;
            this.slot = slot;
            this.agent = agent;
        }

        @Override
        public void accept(Object answer, Throwable failure) {
            if (phase.call(slot) != this) {
                return;
            }
            if (failure != null && runner.departed(this)) {
                phase.recheck = true;
                runner.wake();
                return;
            }
            Object result = failure != null ? Failure.of(failure)
                    : answer != null ? answer : new Failure(AgentException.Kind.UNPARSEABLE, "no answer");
            if (phase.offer(slot, result)) {
                runner.wake();
            }
        }
    }
}
