package ai.aragora.decisions;

import ai.aragora.api.cache.DecisionCache;
import ai.aragora.api.debate.DebateService;
import ai.aragora.api.receipt.ReceiptService;
import ai.aragora.api.storage.DebateStore;
import ai.aragora.api.storage.DecisionResultStore;
import ai.aragora.api.storage.JobQueue;

/**
 * The services the router works with. Each is a dynamic reference: its bundle can be replaced
 * while decisions wait, so every use reads the current one.
 */
final class Services {

    volatile DecisionResultStore store;
    volatile DebateService engine;
    volatile DecisionCache cache;
    volatile ReceiptService receipts;
    /** Where a debate that ended on another instance is read back. */
    volatile DebateStore debates;
    /** Whether decisions outlive this process: without a queue (the in-memory store) nothing does. */
    volatile JobQueue jobs;

    DecisionResultStore store() {
        DecisionResultStore current = store;
        if (current == null) {
            throw new IllegalStateException("no storage backend is running");
        }
        return current;
    }
}
