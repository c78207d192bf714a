package ai.aragora.rest.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ai.aragora.api.debate.AgentUsage;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.debate.UsageTotals;
import ai.aragora.api.storage.DebateRecord;
import ai.aragora.api.storage.DebateStore;
import ai.aragora.api.storage.Page;

class BillingUsageTest {

    private static final Instant DAY1 = Instant.parse("2026-11-30T10:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-12-01T23:59:00Z");

    @Test
    void sumsByDayAgentAndModelAndKeepsDebatesStoredBeforeTheSplit() {
        UsageReport report = new UsageReport();
        report.add(DAY1, new UsageTotals(30, 15, 0.3, List.of(
                new AgentUsage("claude", "sonnet", 2, 20, 10, 0.2), new AgentUsage("gpt", "4o", 1, 10, 5, 0.1))));
        report.add(DAY1.plusSeconds(60), new UsageTotals(5, 5, 0.05, List.of(new AgentUsage("claude", "sonnet", 1, 5, 5, 0.05))));
        report.add(DAY2, new UsageTotals(4, 4, 0.5, List.of(
                new AgentUsage("claude", "sonnet", 1, 1, 1, 0.0), new AgentUsage("claude", "haiku", 1, 3, 3, 0.5))));
        report.add(DAY2, new UsageTotals(100, 50, 1.0));
        report.add(DAY2, UsageTotals.ZERO);

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
        assertThat(totals).containsEntry("debates", 5L).containsEntry("input_tokens", 139L).containsEntry("output_tokens", 74L)
                .containsEntry("cost_usd", 1.85);
    }

    @Test
    void scansFinishedDebatesNewestFirstUntilTheWindowStarts() {
        List<DebateRecord> records = new ArrayList<>();
        Map<String, DebateResult> results = new java.util.HashMap<>();
        Instant now = Instant.parse("2026-12-06T12:00:00Z");
        for (int i = 0; i < 450; i++) {
            Instant created = now.minusSeconds(3600L * i);
            DebateStatus status = i == 0 ? DebateStatus.RUNNING : DebateStatus.COMPLETED;
            DebateSpec spec = DebateSpec.builder("task " + i).orgId("acme").build();
            records.add(new DebateRecord("d" + i, spec, "u", status, 1, true, created, created));
            results.put("d" + i, new DebateResult("d" + i, spec, status, "answer", null, null, 1, 1.0, List.of(), null, List.of(),
                    List.of(), List.of(), List.of(), null, null, 0, List.of(),
                    new UsageTotals(2, 1, 0.01, List.of(new AgentUsage("a", "m", 1, 2, 1, 0.01))), created, created.plusSeconds(5), null));
        }
        List<String> orgsAsked = new ArrayList<>();
        DebateStore store = (DebateStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DebateStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "list" -> {
                        orgsAsked.add((String) args[0]);
                        int offset = (Integer) args[2];
                        int limit = (Integer) args[3];
                        yield new Page<>(records.subList(Math.min(offset, records.size()), Math.min(offset + limit, records.size())),
                                records.size(), offset, limit);
                    }
                    case "result" -> Optional.ofNullable(results.get((String) args[0]));
                    default -> throw new UnsupportedOperationException(method.getName());
                });

        // 300 hours back: d1..d300 are finished and inside (d0 still runs), d301 on are before the window
        BillingUsageResource.Scan scan = BillingUsageResource.scan(store, "acme", now.minusSeconds(3600L * 300));
        assertThat(scan.partial()).isFalse();
        @SuppressWarnings("unchecked")
        Map<String, Object> totals = (Map<String, Object>) scan.report().wire().get("totals");
        assertThat(totals).containsEntry("debates", 300L).containsEntry("calls", 300L).containsEntry("input_tokens", 600L);
        assertThat(orgsAsked).containsOnly("acme").hasSize(2);
    }
}
