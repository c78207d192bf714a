package ai.aragora.debate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.debate.Message;
import ai.aragora.api.debate.UsageTotals;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.storage.DebateRecord;
import ai.aragora.api.storage.DebateStore;
import ai.aragora.api.storage.Page;

/** A store that keeps everything and says what it was asked, in order; it can refuse or hold writes. */
final class RecordingStore implements DebateStore {

    final List<String> log = new CopyOnWriteArrayList<>();
    final Map<String, DebateRecord> records = new ConcurrentHashMap<>();
    final Map<String, List<Message>> messages = new ConcurrentHashMap<>();
    final Map<String, List<DebateEvent>> events = new ConcurrentHashMap<>();
    final Map<String, DebateResult> results = new ConcurrentHashMap<>();
    final Map<String, String> receipts = new ConcurrentHashMap<>();
    final Map<String, UsageTotals> usage = new ConcurrentHashMap<>();
    /** Writes waiting for the test to release them, when {@link #hold} is set. */
    final List<CompletableFuture<Void>> held = new CopyOnWriteArrayList<>();
    volatile boolean hold;
    volatile boolean refuseAppends;

    private CompletionStage<Void> done() {
        if (hold) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            held.add(f);
            return f;
        }
        return CompletableFuture.completedFuture(null);
    }

    void release() {
        hold = false;
        List<CompletableFuture<Void>> waiting = new ArrayList<>(held);
        held.clear();
        waiting.forEach(f -> f.complete(null));
    }

    @Override
    public CompletionStage<Void> create(DebateRecord debate) {
        log.add("create " + debate.id());
        records.put(debate.id(), debate);
        messages.put(debate.id(), new CopyOnWriteArrayList<>());
        events.put(debate.id(), new CopyOnWriteArrayList<>());
        return done();
    }

    @Override
    public CompletionStage<Void> append(String debateId, List<Message> said, List<DebateEvent> happened) {
        if (refuseAppends) {
            log.add("refused append " + debateId);
            return CompletableFuture.failedFuture(new IllegalStateException("disk full"));
        }
        log.add("append " + debateId + " messages=" + said.size() + " events=" + happened.size());
        messages.computeIfAbsent(debateId, k -> new CopyOnWriteArrayList<>()).addAll(said);
        events.computeIfAbsent(debateId, k -> new CopyOnWriteArrayList<>()).addAll(happened);
        return done();
    }

    @Override
    public CompletionStage<Void> updateStatus(String debateId, DebateStatus status, int roundsUsed) {
        log.add("status " + debateId + " " + status.wire() + " " + roundsUsed);
        DebateRecord r = records.get(debateId);
        records.put(debateId, new DebateRecord(r.id(), r.spec(), r.createdBy(), status, roundsUsed, r.consensusReached(),
                r.createdAt(), r.updatedAt()));
        return done();
    }

    @Override
    public CompletionStage<Void> storeProgress(String debateId, int roundsUsed, UsageTotals spent) {
        usage.put(debateId, spent);
        return updateStatus(debateId, DebateStatus.RUNNING, roundsUsed);
    }

    @Override
    public Optional<UsageTotals> usage(String debateId) {
        return Optional.ofNullable(usage.get(debateId));
    }

    @Override
    public CompletionStage<Void> complete(DebateResult result) {
        log.add("complete " + result.id() + " " + result.status().wire());
        results.put(result.id(), result);
        DebateRecord r = records.get(result.id());
        if (r != null) {
            records.put(r.id(), new DebateRecord(r.id(), r.spec(), r.createdBy(), result.status(), result.roundsUsed(),
                    result.consensusReached(), r.createdAt(), result.completedAt()));
        }
        return done();
    }

    @Override
    public CompletionStage<Void> attachReceipt(String debateId, String receiptId) {
        log.add("receipt " + debateId + " " + receiptId);
        receipts.put(debateId, receiptId);
        return done();
    }

    @Override
    public Optional<DebateRecord> find(String debateId) {
        return Optional.ofNullable(records.get(debateId));
    }

    @Override
    public Optional<DebateResult> result(String debateId) {
        return Optional.ofNullable(results.get(debateId));
    }

    @Override
    public Page<Message> messages(String debateId, int offset, int limit) {
        List<Message> all = messages.getOrDefault(debateId, List.of());
        int from = Math.min(offset, all.size());
        return new Page<>(all.subList(from, Math.min(all.size(), from + limit)), all.size(), offset, limit);
    }

    @Override
    public List<DebateEvent> events(String debateId, long afterSeq, int limit) {
        return events.getOrDefault(debateId, List.of()).stream().filter(e -> e.seq() > afterSeq).limit(limit).toList();
    }

    @Override
    public Page<DebateRecord> list(String orgId, DebateStatus status, int offset, int limit) {
        return new Page<>(List.copyOf(records.values()), records.size(), offset, limit);
    }

    @Override
    public boolean delete(String debateId) {
        return records.remove(debateId) != null;
    }

    @Override
    public List<DebateRecord> unfinished() {
        return records.values().stream().filter(r -> !r.status().isFinal()).toList();
    }
}
