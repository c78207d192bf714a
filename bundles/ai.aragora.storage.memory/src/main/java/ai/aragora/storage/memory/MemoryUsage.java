package ai.aragora.storage.memory;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ai.aragora.api.storage.UsageRow;

/** Usage rows in memory, summed per org, day, agent and model as the database stores keep them; kept past eviction: it was spent. */
final class MemoryUsage {

    private record Key(String orgId, LocalDate day, String agent, String model) {
    }

    private final Map<Key, UsageRow> rows = new ConcurrentHashMap<>();

    void add(List<UsageRow> debate) {
        for (UsageRow r : debate) {
            rows.merge(new Key(r.orgId(), r.day(), r.agent(), r.model()), r, UsageRow::plus);
        }
    }

    List<UsageRow> usage(String orgId, LocalDate from) {
        Map<Key, UsageRow> summed = new HashMap<>();
        for (UsageRow r : rows.values()) {
            if (!r.day().isBefore(from) && (orgId == null || orgId.equals(r.orgId()))) {
                UsageRow row = new UsageRow(orgId, r.day(), r.agent(), r.model(), r.debates(), r.calls(), r.inputTokens(),
                        r.outputTokens(), r.costUsd());
                summed.merge(new Key(orgId, r.day(), r.agent(), r.model()), row, UsageRow::plus);
            }
        }
        return summed.values().stream().sorted(UsageRow.order()).toList();
    }
}
