package ai.aragora.debate;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

import ai.aragora.api.debate.ProposalSimilarity;
import ai.aragora.api.knowledge.KnowledgeMound;
import ai.aragora.api.rating.RatingService;
import ai.aragora.api.receipt.ReceiptService;

/** What every debate of one engine shares: its collaborators, some of which come and go. */
final class EngineContext {

    final AgentDirectory agents;
    final StoreGate store;
    final ListenerFanout listeners;
    final Scheduler scheduler;
    /** Runs debate steps; a debate is never on two of its threads at once. */
    final Executor executor;
    /** Issues decision receipts: signing is slow and must not hold up debate steps. */
    final Executor receiptExecutor;
    /** Asks the Knowledge Mound for a starting debate's prior knowledge: a slow mound holds no debate step. */
    final Executor lookups;
    final Consumer<Debate> finished;
    volatile EngineSettings settings;
    volatile RatingService ratings;
    volatile ReceiptService receipts;
    volatile ProposalSimilarity similarity;
    volatile KnowledgeMound knowledge;

    EngineContext(Scheduler scheduler, Executor executor, Executor receiptExecutor, Executor lookups, EngineSettings settings,
            Consumer<Debate> finished) {
        this.scheduler = scheduler;
        this.executor = executor;
        this.receiptExecutor = receiptExecutor;
        this.lookups = lookups;
        this.settings = settings;
        this.finished = finished;
        this.agents = new AgentDirectory(scheduler);
        this.store = new StoreGate(scheduler, () -> this.settings.storeGraceNanos());
        this.listeners = new ListenerFanout();
    }
}
