package ai.aragora.decisions;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.decision.DecisionStatus;
import ai.aragora.api.storage.DecisionResult;
import ai.aragora.api.storage.DecisionResultStore;

/**
 * Decisions a previous process left pending or processing: nothing runs them any more, so they
 * end as failed ("interrupted"), which a retry accepts. Decisions running here are left alone.
 * Like the engine's recovery of interrupted debates, this assumes one instance per store.
 */
final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    static final String INTERRUPTED = "interrupted: the server stopped before the decision ended";
    private static final int PAGE = 500;

    private Recovery() {
    }

    static int interrupted(DecisionResultStore store, Set<String> runningHere) {
        int closed = 0;
        try {
            for (DecisionStatus open : List.of(DecisionStatus.PENDING, DecisionStatus.PROCESSING)) {
                int skipped = 0;
                List<DecisionResult> page;
                do {
                    page = store.list(null, open.wire(), null, skipped, PAGE).items();
                    for (DecisionResult d : page) {
                        if (runningHere.contains(d.id())) {
                            skipped++;
                            continue;
                        }
                        store.update(d.with(DecisionStatus.FAILED.wire(), d.result(), d.receiptId(), INTERRUPTED, 0, Instant.now()))
                                .toCompletableFuture().join();
                        closed++;
                    }
                } while (page.size() == PAGE);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not close the decisions a previous process left unfinished: {}", e.toString());
        }
        if (closed > 0) {
            LOG.info("{} decisions left unfinished by the previous process ended as failed (interrupted)", closed);
        }
        return closed;
    }
}
