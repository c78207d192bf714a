package ai.aragora.rest.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aragora.api.debate.AgentUsage;
import ai.aragora.api.debate.UsageTotals;
import ai.aragora.api.storage.UsageRow;
import ai.aragora.api.storage.UsageStore;

class BillingUsageTest {

    private static final Instant DAY1 = Instant.parse("2026-11-30T10:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-12-01T23:59:00Z");

    private static void add(UsageReport report, Instant completed, UsageTotals usage) {
        UsageRow.of("acme", completed, usage).forEach(report::add);
    }

    @Test
    void sumsByDayAgentAndModelAndKeepsDebatesStoredBeforeTheSplit() {
        UsageReport report = new UsageReport();
        add(report, DAY1, new UsageTotals(30, 15, 0.3, List.of(
                new AgentUsage("claude", "sonnet", 2, 20, 10, 0.2), new AgentUsage("gpt", "4o", 1, 10, 5, 0.1))));
        add(report, DAY1.plusSeconds(60), new UsageTotals(5, 5, 0.05, List.of(new AgentUsage("claude", "sonnet", 1, 5, 5, 0.05))));
        add(report, DAY2, new UsageTotals(4, 4, 0.5, List.of(
                new AgentUsage("claude", "sonnet", 1, 1, 1, 0.0), new AgentUsage("claude", "haiku", 1, 3, 3, 0.5))));
        add(report, DAY2, new UsageTotals(100, 50, 1.0));
        add(report, DAY2, UsageTotals.ZERO);

        Map<String, Object> doc = report.wire();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) doc.get("usage");
        assertThat(rows).extracting(r -> r.get("day") + " " + r.get("agent") + " " + r.get("model") + " " + r.get("calls") + " "
                + r.get("total_tokens") + " " + r.get("cost_usd")).containsExactly(
                        "2026-11-30 claude sonnet 3 40 0.25",
                        "2026-11-30 gpt 4o 1 15 0.1",
                        "2026-12-01 " + UsageReport.UNATTRIBUTED + " null 0 150 1.0",
                        "2026-12-01 claude haiku 1 6 0.5",
                        "2026-12-01 claude sonnet 1 2 0.0");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> byAgent = (Map<String, Map<String, Object>>) doc.get("by_agent");
        assertThat(byAgent.get("claude")).containsEntry("input_tokens", 29L).containsEntry("cost_usd", 0.75);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> byModel = (Map<String, Map<String, Object>>) doc.get("by_model");
        assertThat(byModel.keySet()).containsExactly("4o", "haiku", "sonnet", "unknown");
        @SuppressWarnings("unchecked")
        Map<String, Object> totals = (Map<String, Object>) doc.get("totals");
        assertThat(totals).containsEntry("debates", 5L).containsEntry("calls", 6L).containsEntry("input_tokens", 139L)
                .containsEntry("output_tokens", 74L).containsEntry("cost_usd", 1.85);
    }

    /** 12,000 debates over 40 days, as stored rows: every one counts, and the answer keeps its shape. */
    @Test
    void totalsPastTenThousandDebatesComeWholeFromTheStoredRows() {
        Instant now = Instant.parse("2026-12-06T12:00:00Z");
        List<UsageRow> stored = new ArrayList<>();
        for (int d = 0; d < 40; d++) {
            LocalDate day = LocalDate.of(2026, 10, 28).plusDays(d);
            stored.add(new UsageRow("acme", day, UsageRow.WHOLE_DEBATE, null, 300, 600, 3_000, 1_500, 3.0));
            stored.add(new UsageRow("acme", day, "claude", "sonnet", 300, 600, 3_000, 1_500, 3.0));
        }
        List<String> asked = new ArrayList<>();
        UsageStore store = new UsageStore() {
            @Override
            public List<UsageRow> usage(String orgId, LocalDate from) {
                asked.add(orgId + " from " + from);
                return stored;
            }

            @Override
            public long uncounted() {
                return 0;
            }
        };

        Map<String, Object> doc = BillingUsageResource.report(store, "acme", 40, now);
        assertThat(doc.keySet()).containsExactly("org", "days", "since", "usage", "by_agent", "by_model", "totals", "partial");
        assertThat(asked).containsExactly("acme from 2026-10-27");
        assertThat(doc).containsEntry("org", "acme").containsEntry("days", 40).containsEntry("since", "2026-10-27T00:00:00Z")
                .containsEntry("partial", false);
        @SuppressWarnings("unchecked")
        Map<String, Object> totals = (Map<String, Object>) doc.get("totals");
        assertThat(totals).containsEntry("debates", 12_000L).containsEntry("calls", 24_000L).containsEntry("input_tokens", 120_000L)
                .containsEntry("output_tokens", 60_000L).containsEntry("total_tokens", 180_000L).containsEntry("cost_usd", 120.0);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) doc.get("usage");
        assertThat(rows).hasSize(40);
        assertThat(rows.get(0)).containsOnlyKeys("day", "agent", "model", "calls", "input_tokens", "output_tokens", "total_tokens",
                "cost_usd");
    }
}
