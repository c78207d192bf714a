package ai.aragora.storage.memory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.debate.Message;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.storage.DebateRecord;
import ai.aragora.api.storage.DebateStore;
import ai.aragora.api.storage.Page;
import ai.aragora.api.storage.UsageRow;
import ai.aragora.api.storage.UsageStore;

/**
 * Debates in memory. Every write completes before it returns, so the engine goes on without a
 * thread switch. Running debates are kept whole; of the finished ones only the newest
 * {@code max.debates} are kept, while their usage stays counted. A final status is never changed,
 * as in the database stores.
 */
@Component(service = {DebateStore.class, UsageStore.class}, configurationPid = MemoryStorageConfig.PID)
public class MemoryDebateStore implements DebateStore, UsageStore {

    private static final CompletionStage<Void> DONE = CompletableFuture.<Void>completedFuture(null).minimalCompletionStage();

    private final ConcurrentHashMap<String, Entry> debates = new ConcurrentHashMap<>();
    /** Finished debates, oldest first: what eviction forgets first. */
    private final ConcurrentLinkedQueue<String> finished = new ConcurrentLinkedQueue<>();
    private final AtomicInteger finishedCount = new AtomicInteger();
    private volatile int maxFinished;
    private final Clock clock;
    private final MemoryUsage usage = new MemoryUsage();

    @Activate
    public MemoryDebateStore(MemoryStorageConfig config) {
        this(config.max_debates(), Clock.systemUTC());
    }

    MemoryDebateStore(int maxFinished, Clock clock) {
        this.maxFinished = Math.max(1, maxFinished);
        this.clock = clock;
    }

    /** A new bound applies from the next debate that finishes. */
    @Modified
    void modified(MemoryStorageConfig config) {
        maxFinished = Math.max(1, config.max_debates());
    }

    private static final class Entry {
        volatile DebateRecord record;
        volatile DebateResult result;
        volatile String receiptId;
        final AtomicBoolean finished = new AtomicBoolean();
        /** Guarded by this entry. */
        final ArrayList<Message> messages = new ArrayList<>();
        /** Guarded by this entry. */
        final EventRows events = new EventRows();

        Entry(DebateRecord record) {
            this.record = record;
        }
    }

    @Override
    public CompletionStage<Void> create(DebateRecord debate) {
        Entry entry = new Entry(debate);
        if (debates.putIfAbsent(debate.id(), entry) != null) {
            return CompletableFuture.failedStage(new IllegalStateException("debate " + debate.id() + " already exists"));
        }
        if (debate.status().isFinal()) {
            finish(debate.id(), entry);
        }
        return DONE;
    }

    @Override
    public CompletionStage<Void> append(String debateId, List<Message> messages, List<DebateEvent> events) {
        Entry entry = debates.get(debateId);
        if (entry == null) {
            return unknown(debateId);
        }
        synchronized (entry) {
            for (Message m : messages) {
                if (m.index() >= entry.messages.size()) {
                    entry.messages.add(m);
                }
            }
            for (DebateEvent e : events) {
                entry.events.add(e);
            }
        }
        return DONE;
    }

    @Override
    public CompletionStage<Void> updateStatus(String debateId, DebateStatus status, int roundsUsed) {
        Entry entry = debates.get(debateId);
        if (entry == null) {
            return unknown(debateId);
        }
        // the entry's lock makes the check and the change one step against a concurrent complete
        synchronized (entry) {
            DebateRecord r = entry.record;
            if (r.status().isFinal() && r.status() != status) {
                return CompletableFuture.failedStage(new IllegalStateException(
                        "debate " + debateId + " is final (" + r.status().wire() + "); its status stays"));
            }
            entry.record = new DebateRecord(r.id(), r.spec(), r.createdBy(), status, roundsUsed, r.consensusReached(),
                    r.createdAt(), clock.instant());
        }
        if (status.isFinal()) {
            finish(debateId, entry);
        }
        return DONE;
    }

    @Override
    public CompletionStage<Void> complete(DebateResult result) {
        Entry entry = debates.get(result.id());
        if (entry == null) {
            return unknown(result.id());
        }
        Instant at = result.completedAt() != null ? result.completedAt() : clock.instant();
        synchronized (entry) {
            DebateRecord r = entry.record;
            if (r.status().isFinal()) {
                return CompletableFuture.failedStage(new IllegalStateException(
                        "debate " + result.id() + " is already final (" + r.status().wire() + ")"));
            }
            entry.result = entry.receiptId != null && result.receiptId() == null ? result.withReceipt(entry.receiptId) : result;
            entry.record = new DebateRecord(r.id(), r.spec(), r.createdBy(), result.status(), result.roundsUsed(),
                    result.consensusReached(), r.createdAt(), at);
            usage.add(UsageRow.of(r.orgId(), at, result.usage()));
        }
        finish(result.id(), entry);
        return DONE;
    }

    @Override
    public CompletionStage<Void> attachReceipt(String debateId, String receiptId) {
        Entry entry = debates.get(debateId);
        if (entry == null) {
            return unknown(debateId);
        }
        entry.receiptId = receiptId;
        DebateResult result = entry.result;
        if (result != null && !receiptId.equals(result.receiptId())) {
            entry.result = result.withReceipt(receiptId);
        }
        return DONE;
    }

    @Override
    public Optional<DebateRecord> find(String debateId) {
        Entry entry = debates.get(debateId);
        return entry == null ? Optional.empty() : Optional.of(entry.record);
    }

    @Override
    public Optional<DebateResult> result(String debateId) {
        Entry entry = debates.get(debateId);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.result);
    }

    @Override
    public Page<Message> messages(String debateId, int offset, int limit) {
        Entry entry = debates.get(debateId);
        if (entry == null) {
            return new Page<>(List.of(), 0, offset, limit);
        }
        synchronized (entry) {
            int size = entry.messages.size();
            int from = Math.min(Math.max(0, offset), size);
            int to = Math.min(size, from + Math.max(0, limit));
            return new Page<>(entry.messages.subList(from, to), size, offset, limit);
        }
    }

    @Override
    public List<DebateEvent> events(String debateId, long afterSeq, int limit) {
        Entry entry = debates.get(debateId);
        if (entry == null || limit <= 0) {
            return List.of();
        }
        synchronized (entry) {
            return entry.events.after(debateId, afterSeq, limit);
        }
    }

    @Override
    public Page<DebateRecord> list(String orgId, DebateStatus status, int offset, int limit) {
        List<DebateRecord> matching = new ArrayList<>();
        for (Entry entry : debates.values()) {
            DebateRecord r = entry.record;
            if ((orgId == null || orgId.equals(r.orgId())) && (status == null || status == r.status())) {
                matching.add(r);
            }
        }
        matching.sort(Comparator.comparing(DebateRecord::createdAt).reversed().thenComparing(DebateRecord::id));
        int from = Math.min(Math.max(0, offset), matching.size());
        int to = Math.min(matching.size(), from + Math.max(0, limit));
        return new Page<>(matching.subList(from, to), matching.size(), offset, limit);
    }

    @Override
    public List<DebateRecord> changedSince(String orgId, Instant since, int limit) {
        List<DebateRecord> matching = new ArrayList<>();
        for (Entry entry : debates.values()) {
            DebateRecord r = entry.record;
            if ((orgId == null || orgId.equals(r.orgId())) && !r.updatedAt().isBefore(since)) {
                matching.add(r);
            }
        }
        matching.sort(Comparator.comparing(DebateRecord::updatedAt).thenComparing(DebateRecord::id));
        return matching.subList(0, Math.min(matching.size(), Math.max(0, limit)));
    }

    @Override
    public boolean delete(String debateId) {
        Entry removed = debates.remove(debateId);
        if (removed != null && removed.finished.get()) {
            finished.remove(debateId);
            finishedCount.decrementAndGet();
        }
        return removed != null;
    }

    @Override
    public List<DebateRecord> unfinished() {
        List<DebateRecord> open = new ArrayList<>();
        for (Entry entry : debates.values()) {
            if (!entry.record.status().isFinal()) {
                open.add(entry.record);
            }
        }
        open.sort(Comparator.comparing(DebateRecord::createdAt).thenComparing(DebateRecord::id));
        return open;
    }

    int size() {
        return debates.size();
    }

    private void finish(String debateId, Entry entry) {
        if (!entry.finished.compareAndSet(false, true)) {
            return;
        }
        finished.add(debateId);
        finishedCount.incrementAndGet();
        while (finishedCount.get() > maxFinished) {
            String oldest = finished.poll();
            if (oldest == null) {
                return;
            }
            debates.remove(oldest);
            finishedCount.decrementAndGet();
        }
    }

    private static CompletionStage<Void> unknown(String debateId) {
        return CompletableFuture.failedStage(new IllegalArgumentException("no debate " + debateId));
    }

    @Override
    public List<UsageRow> usage(String orgId, LocalDate from) {
        return usage.usage(orgId, from);
    }

    @Override
    public long uncounted() {
        return 0;
    }
}
