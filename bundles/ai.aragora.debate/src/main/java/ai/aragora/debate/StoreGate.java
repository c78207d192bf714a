package ai.aragora.debate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.LongSupplier;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.debate.Message;
import ai.aragora.api.debate.UsageTotals;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.storage.DebateRecord;
import ai.aragora.api.storage.DebateStore;

/**
 * The debate store as the engine writes to it. When the storage bundle is being replaced there
 * is briefly no store: a write then waits for the successor for a grace period and fails only if
 * none arrives, so an upgrade of the storage bundle does not fail running debates.
 */
final class StoreGate {

    private final Scheduler scheduler;
    private final LongSupplier graceNanos;
    private volatile DebateStore store;
    /** Guarded by this gate. */
    private final List<CompletableFuture<DebateStore>> waiting = new ArrayList<>();

    StoreGate(Scheduler scheduler, LongSupplier graceNanos) {
        this.scheduler = scheduler;
        this.graceNanos = graceNanos;
    }

    void bind(DebateStore bound) {
        List<CompletableFuture<DebateStore>> woken;
        synchronized (this) {
            store = bound;
            woken = new ArrayList<>(waiting);
            waiting.clear();
        }
        woken.forEach(w -> w.complete(bound));
    }

    /** True when {@code unbound} was the store in use. */
    synchronized boolean unbind(DebateStore unbound) {
        if (store != unbound) {
            return false;
        }
        store = null;
        return true;
    }

    DebateStore current() {
        return store;
    }

    CompletionStage<Void> create(DebateRecord record) {
        return write(s -> s.create(record));
    }

    CompletionStage<Void> append(String debateId, List<Message> messages, List<DebateEvent> events) {
        return write(s -> s.append(debateId, messages, events));
    }

    CompletionStage<Void> updateStatus(String debateId, DebateStatus status, int roundsUsed) {
        return write(s -> s.updateStatus(debateId, status, roundsUsed));
    }

    CompletionStage<Void> storeProgress(String debateId, int roundsUsed, UsageTotals usage) {
        return write(s -> s.storeProgress(debateId, roundsUsed, usage));
    }

    CompletionStage<Void> complete(DebateResult result) {
        return write(s -> s.complete(result));
    }

    CompletionStage<Void> complete(DebateResult result, List<Message> messages, List<DebateEvent> events) {
        return write(s -> s.complete(result, messages, events));
    }

    private CompletionStage<Void> write(Function<DebateStore, CompletionStage<Void>> operation) {
        DebateStore s = store;
        if (s != null) {
            return call(operation, s);
        }
        return successor().thenCompose(next -> next == null
                ? CompletableFuture.failedStage(new IllegalStateException("no debate store is available"))
                : call(operation, next));
    }

    private CompletionStage<DebateStore> successor() {
        CompletableFuture<DebateStore> found = new CompletableFuture<>();
        synchronized (this) {
            if (store != null) {
                found.complete(store);
                return found;
            }
            waiting.add(found);
        }
        Scheduler.Timer timer = scheduler.schedule(() -> {
            synchronized (this) {
                waiting.remove(found);
            }
            found.complete(null);
        }, graceNanos.getAsLong());
        found.whenComplete((s, failure) -> timer.cancel());
        return found;
    }

    private static CompletionStage<Void> call(Function<DebateStore, CompletionStage<Void>> operation, DebateStore s) {
        try {
            CompletionStage<Void> stage = operation.apply(s);
            return stage != null ? stage : CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedStage(e);
        }
    }
}
