package ai.aragora.debate;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.rating.Calibration;
import ai.aragora.api.rating.RatingService;
import ai.aragora.api.receipt.ReceiptService;

/** What a decision sets off outside its debate: the agents' ratings and the decision's receipt. */
final class DecisionEffects {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionEffects.class);

    private DecisionEffects() {
    }

    /**
     * What a decision sets off: its agents rated (when {@code rated}) and its receipt being issued,
     * with the calibration its votes were adjusted with, read before rating changes it.
     */
    static CompletableFuture<String> take(EngineContext engine, DebateResult decided, boolean rated) {
        List<Calibration> calibration = calibration(engine, decided);
        if (rated) {
            rate(engine, decided);
        }
        return issueReceipt(engine, decided, calibration);
    }

    /** Scores the debate for its agents' ratings; a rating service that fails is logged, never fails the debate. */
    private static void rate(EngineContext engine, DebateResult decided) {
        RatingService ratings = engine.ratings;
        if (ratings == null) {
            return;
        }
        try {
            ratings.record(decided);
        } catch (RuntimeException e) {
            LOG.warn("ratings were not updated for debate {}: {}", decided.id(), e.toString());
        }
    }

    /**
     * The calibration the final votes were adjusted with, for the receipt: read before the debate is
     * rated, since rating adds its own votes to the curves. Empty when no receipt will be issued.
     */
    private static List<Calibration> calibration(EngineContext engine, DebateResult decided) {
        if (engine.receipts == null || !engine.settings.receipts()) {
            return List.of();
        }
        return DecisionRecords.calibration(engine.ratings, decided);
    }

    /**
     * The decision's receipt being issued: completes with its id, or null when none could be issued
     * (logged). Signing takes a while, so it runs on a receipt thread and never holds up other
     * debates' steps; storing it is shared with the receipts of other debates and holds no thread.
     * Null when there is no receipt service or receipts are off.
     */
    private static CompletableFuture<String> issueReceipt(EngineContext engine, DebateResult decided, List<Calibration> calibration) {
        ReceiptService receipts = engine.receipts;
        if (receipts == null || !engine.settings.receipts()) {
            return null;
        }
        return CompletableFuture
                .supplyAsync(() -> receipts.issueAsync(DecisionRecords.of(decided, calibration)), engine.receiptExecutor)
                .thenCompose(issued -> issued)
                .handle((issued, failure) -> {
                    if (failure != null) {
                        LOG.warn("no receipt was issued for debate {}: {}", decided.id(), unwrap(failure).toString());
                        return null;
                    }
                    return issued.receiptId();
                });
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
