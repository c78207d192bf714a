package ai.aragora.debate;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.debate.DebateStatus;

/**
 * The debates running here, each holding one of the engine's places, and how they are let go when
 * the engine stops. Places are counted apart from the debates so that the capacity check and the
 * taking of a place are one step: concurrent starts cannot all pass it.
 */
final class RunningDebates {

    private static final Logger LOG = LoggerFactory.getLogger(RunningDebates.class);
    private static final long FINAL_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final ConcurrentHashMap<String, Debate> active = new ConcurrentHashMap<>();
    private final AtomicInteger places = new AtomicInteger();

    /** Takes a place for a debate about to start; false when all {@code max} are taken. */
    boolean reserve(int max) {
        if (places.incrementAndGet() > max) {
            places.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Gives back a place taken for a debate that did not start. */
    void release() {
        places.decrementAndGet();
    }

    /** Adds a debate that holds a place. */
    void add(Debate debate) {
        active.put(debate.id(), debate);
    }

    /** Adds a debate resumed from another process with a place of its own, if one is free and it does not run here already. */
    boolean adopt(Debate debate, int max) {
        if (!reserve(max)) {
            return false;
        }
        if (active.putIfAbsent(debate.id(), debate) != null) {
            places.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Takes the debate out, giving back its place if it was in. */
    void remove(Debate debate) {
        if (active.remove(debate.id(), debate)) {
            places.decrementAndGet();
        }
    }

    /** How many more debates fit under {@code max}. */
    int room(int max) {
        return max - places.get();
    }

    Debate get(String id) {
        return active.get(id);
    }

    Collection<Debate> all() {
        return active.values();
    }

    int size() {
        return active.size();
    }

    void wakeAll() {
        for (Debate d : active.values()) {
            d.signal();
        }
    }

    /**
     * Lets the debates finish for {@code graceNanos}; then hands the rest over when they outlive
     * this process ({@code handOver}, asked only then), else interrupts them, and waits a little
     * more for them to leave.
     */
    void drain(long graceNanos, BooleanSupplier handOver) {
        if (!active.isEmpty()) {
            LOG.info("waiting up to {} s for {} running debates to finish", TimeUnit.NANOSECONDS.toSeconds(graceNanos),
                    active.size());
        }
        awaitIdle(graceNanos);
        if (active.isEmpty()) {
            return;
        }
        boolean leave = handOver.getAsBoolean();
        LOG.warn(leave ? "handing over {} debates still running after the shutdown grace period"
                : "interrupting {} debates still running after the shutdown grace period", active.size());
        for (Debate d : active.values()) {
            if (leave) {
                d.handOver();
            } else {
                d.requestStop(DebateStatus.INTERRUPTED);
            }
        }
        awaitIdle(FINAL_WAIT_NANOS);
    }

    private void awaitIdle(long nanos) {
        long deadline = System.nanoTime() + nanos;
        while (!active.isEmpty() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
