package ai.aragora.api.storage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import ai.aragora.api.debate.AgentUsage;
import ai.aragora.api.debate.UsageTotals;

/**
 * Usage summed over the debates of one org that finished on one UTC day, for one agent and
 * model. The row whose agent is {@link #WHOLE_DEBATE} counts every debate once with its totals;
 * the others split the same usage by agent and model.
 *
 * @param orgId null in a sum across orgs
 * @param model null when unknown
 * @param debates how many debates the row sums
 */
public record UsageRow(String orgId, LocalDate day, String agent, String model, long debates, long calls, long inputTokens,
        long outputTokens, double costUsd) {

    /** The agent of the row that holds each debate's totals. */
    public static final String WHOLE_DEBATE = "";
    /** The agent of usage stored before it was split by agent. */
    public static final String UNATTRIBUTED = "(not split by agent)";

    private static final Comparator<UsageRow> ORDER = Comparator.comparing(UsageRow::day).thenComparing(UsageRow::agent)
            .thenComparing(r -> Objects.toString(r.model(), ""));

    public UsageRow {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(agent, "agent");
    }

    /** Whether this row holds whole debates rather than one agent's share. */
    public boolean wholeDebate() {
        return agent.equals(WHOLE_DEBATE);
    }

    /** The order usage is read and written in: day, agent, model (a writer that keeps it takes row locks in one order). */
    public static Comparator<UsageRow> order() {
        return ORDER;
    }

    /**
     * The rows one finished debate adds: its totals once, then its usage per agent and model, or
     * unattributed when the result was stored before the split (and used anything).
     *
     * @param given null counts as none
     */
    public static List<UsageRow> of(String orgId, Instant completedAt, UsageTotals given) {
        UsageTotals usage = given == null ? UsageTotals.ZERO : given;
        LocalDate day = LocalDate.ofInstant(completedAt, ZoneOffset.UTC);
        List<UsageRow> rows = new ArrayList<>();
        long calls = usage.byAgent().stream().mapToLong(AgentUsage::calls).sum();
        rows.add(new UsageRow(orgId, day, WHOLE_DEBATE, null, 1, calls, usage.inputTokens(), usage.outputTokens(), usage.costUsd()));
        if (usage.byAgent().isEmpty()) {
            if (usage.inputTokens() + usage.outputTokens() > 0 || usage.costUsd() > 0) {
                rows.add(new UsageRow(orgId, day, UNATTRIBUTED, null, 1, 0, usage.inputTokens(), usage.outputTokens(), usage.costUsd()));
            }
        } else {
            for (AgentUsage a : usage.byAgent()) {
                rows.add(new UsageRow(orgId, day, a.agent(), a.model(), 1, a.calls(), a.inputTokens(), a.outputTokens(), a.costUsd()));
            }
        }
        rows.sort(ORDER);
        return List.copyOf(rows);
    }

    /** This row and another of the same key, summed. */
    public UsageRow plus(UsageRow other) {
        return new UsageRow(orgId, day, agent, model, debates + other.debates, calls + other.calls, inputTokens + other.inputTokens,
                outputTokens + other.outputTokens, costUsd + other.costUsd);
    }
}
