package ai.aragora.debate;

import ai.aragora.api.agent.Usage;
import ai.aragora.api.debate.UsageTotals;

/** The tokens and cost of a debate's agent calls, summed as the answers are read. */
final class UsageMeter {

    private long inputTokens;
    private long outputTokens;
    private double costUsd;

    /** Counts an answer's usage; the model it names is the one the seat answers with from now on. */
    void add(Seat s, Usage u) {
        if (u == null) {
            return;
        }
        inputTokens += u.inputTokens();
        outputTokens += u.outputTokens();
        if (u.costUsd() != null) {
            costUsd += u.costUsd();
        }
        if (u.model() != null) {
            s.model = u.model();
        }
    }

    UsageTotals totals() {
        return new UsageTotals(inputTokens, outputTokens, costUsd);
    }
}
