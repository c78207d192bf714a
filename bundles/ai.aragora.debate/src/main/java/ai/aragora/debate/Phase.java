package ai.aragora.debate;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import ai.aragora.api.agent.Agent;
import ai.aragora.api.agent.AgentException;

/**
 * One fan-out of a debate: a call per slot, all in flight at once. Each slot takes the first
 * answer, failure or timeout that arrives; when the last slot is filled the debate is woken.
 * A slot's call can be replaced (its agent's bundle went away), after which the old call's
 * answer is ignored.
 */
final class Phase {

    static final int PROPOSE = 0;
    static final int BASELINE = 1;
    static final int CRITIQUE = 2;
    static final int VOTE = 3;
    static final int JUDGE = 4;

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle CALLS = MethodHandles.arrayElementVarHandle(Call[].class);

    final int kind;
    final int round;
    final int size;
    final Debate.Seat[] callers;
    /** The seat whose proposal is critiqued, per slot; critiques only. */
    final Debate.Seat[] targets;
    final Object[] requests;
    private final Object[] results;
    private final Call[] calls;
    private final AtomicInteger pending;
    volatile Scheduler.Timer timeout;
    /** Set when a call failed on an agent that is no longer registered: look for its successor. */
    volatile boolean recheck;

    Phase(int kind, int round, int size) {
        this.kind = kind;
        this.round = round;
        this.size = size;
        this.callers = new Debate.Seat[size];
        this.targets = kind == CRITIQUE ? new Debate.Seat[size] : null;
        this.requests = new Object[size];
        this.results = new Object[size];
        this.calls = new Call[size];
        this.pending = new AtomicInteger(size);
    }

    static String name(int kind) {
        return switch (kind) {
            case PROPOSE -> "propose";
            case BASELINE -> "baseline_vote";
            case CRITIQUE -> "critique";
            case VOTE -> "vote";
            default -> "judge";
        };
    }

    /** Fills the slot unless it is filled; true for the answer that completes the phase. */
    boolean offer(int slot, Object result) {
        return SLOTS.compareAndSet(results, slot, null, result) && pending.decrementAndGet() == 0;
    }

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
        final Debate debate;
        final Phase phase;
        final int slot;
        final Agent agent;

        Call(Debate debate, Phase phase, int slot, Agent agent) {
            this.debate = debate;
            this.phase = phase;
            this.slot = slot;
            this.agent = agent;
        }

        @Override
        public void accept(Object answer, Throwable failure) {
            if (phase.call(slot) != this) {
                return;
            }
            if (failure != null && debate.departed(this)) {
                phase.recheck = true;
                debate.signal();
                return;
            }
            Object result = failure != null ? Failure.of(failure)
                    : answer != null ? answer : new Failure(AgentException.Kind.UNPARSEABLE, "no answer");
            if (phase.offer(slot, result)) {
                debate.signal();
            }
        }
    }
}
