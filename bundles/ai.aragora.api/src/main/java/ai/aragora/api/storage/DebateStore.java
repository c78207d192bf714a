package ai.aragora.api.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.debate.Message;
import ai.aragora.api.debate.UsageTotals;
import ai.aragora.api.event.DebateEvent;

/**
 * Debates with their transcript, events and result. The engine persists every message and
 * event before announcing it, so a stage must complete only when the write is durable; a
 * failed write completes the stage exceptionally and the engine fails the debate rather than
 * announce what is not stored.
 */
@ProviderType
public interface DebateStore {

    CompletionStage<Void> create(DebateRecord debate);

    /** Appends messages and events of one step in one write; re-appending the same index or seq is a no-op. */
    CompletionStage<Void> append(String debateId, List<Message> messages, List<DebateEvent> events);

    CompletionStage<Void> updateStatus(String debateId, DebateStatus status, int roundsUsed);

    /**
     * Stores a running debate's durable step: {@code roundsUsed} rounds are done, and its agent
     * calls so far cost {@code usage}, in one write. An instance that resumes the debate reads the
     * usage back ({@link #usage}), so the result counts what was spent before. A store that keeps
     * no usage stores the progress only.
     *
     * @since 1.6
     */
    default CompletionStage<Void> storeProgress(String debateId, int roundsUsed, UsageTotals usage) {
        return updateStatus(debateId, DebateStatus.RUNNING, roundsUsed);
    }

    /**
     * What a debate's agent calls cost by its last stored progress; empty when none was stored.
     *
     * @since 1.6
     */
    default Optional<UsageTotals> usage(String debateId) {
        return Optional.empty();
    }

    /** Stores the final result and status; the debate is then final. */
    CompletionStage<Void> complete(DebateResult result);

    /**
     * Appends a debate's last messages and events and stores its final result. A store that can
     * should do it in one write: it is the write every finishing debate waits for.
     */
    default CompletionStage<Void> complete(DebateResult result, List<Message> messages, List<DebateEvent> events) {
        return append(result.id(), messages, events).thenCompose(ignored -> complete(result));
    }

    /** Records the receipt issued for a finished debate. */
    CompletionStage<Void> attachReceipt(String debateId, String receiptId);

    Optional<DebateRecord> find(String debateId);

    Optional<DebateResult> result(String debateId);

    Page<Message> messages(String debateId, int offset, int limit);

    /** Events with a sequence number greater than {@code afterSeq}, in order. */
    List<DebateEvent> events(String debateId, long afterSeq, int limit);

    /** The sequence number of the debate's last stored event, 0 when it has none. A store should answer without reading them. */
    default long lastEventSeq(String debateId) {
        long last = 0;
        for (List<DebateEvent> page = events(debateId, 0, 1000); !page.isEmpty(); page = events(debateId, last, 1000)) {
            last = page.get(page.size() - 1).seq();
        }
        return last;
    }

    /**
     * Newest first; {@code orgId} null for every org's debates (what the operator sees),
     * {@code status} null for any.
     */
    Page<DebateRecord> list(String orgId, DebateStatus status, int offset, int limit);

    /**
     * Debates whose record changed (created, status changed, finished; not each event) at or
     * after {@code since}, oldest change first, at most {@code limit}; {@code orgId} null for
     * every org's. What an instance that may have missed other instances' news reads back. A
     * store should answer without reading every debate.
     */
    default List<DebateRecord> changedSince(String orgId, Instant since, int limit) {
        List<DebateRecord> changed = new ArrayList<>();
        Page<DebateRecord> page;
        int offset = 0;
        do {
            page = list(orgId, null, offset, 500);
            for (DebateRecord r : page.items()) {
                if (!r.updatedAt().isBefore(since)) {
                    changed.add(r);
                }
            }
            offset += page.items().size();
        } while (page.hasMore() && !page.items().isEmpty());
        changed.sort(Comparator.comparing(DebateRecord::updatedAt).thenComparing(DebateRecord::id));
        return changed.size() > limit ? List.copyOf(changed.subList(0, Math.max(0, limit))) : changed;
    }

    /** Removes the debate and everything stored about it; false when there was none. */
    boolean delete(String debateId);

    /** Debates a previous process left created or running: what crash recovery works on. */
    List<DebateRecord> unfinished();
}
