package ai.aragora.rest.integrations;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;

import ai.aragora.api.storage.IntegrationRecord;
import ai.aragora.api.storage.IntegrationStore;
import ai.aragora.api.storage.Page;

/** An integration store in memory that can be made to fail. */
final class MemoryIntegrationStore implements IntegrationStore {

    final Map<String, IntegrationRecord> rows = new ConcurrentSkipListMap<>();
    volatile boolean failing;

    private void check() {
        if (failing) {
            throw new IllegalStateException("database gone");
        }
    }

    @Override
    public Optional<IntegrationRecord> find(String orgId, String id) {
        check();
        return Optional.ofNullable(rows.get(orgId + "/" + id));
    }

    @Override
    public Page<IntegrationRecord> list(String orgId, String type, Boolean enabled, int offset, int limit) {
        check();
        List<IntegrationRecord> all = rows.values().stream()
                .filter(r -> orgId == null || r.orgId().equals(orgId))
                .filter(r -> type == null || r.type().equals(type))
                .filter(r -> enabled == null || r.enabled() == enabled)
                .sorted(Comparator.comparing(IntegrationRecord::orgId).thenComparing(IntegrationRecord::id)).toList();
        return new Page<>(all.stream().skip(offset).limit(limit).toList(), all.size(), offset, limit);
    }

    @Override
    public CompletionStage<Boolean> create(IntegrationRecord r) {
        check();
        return CompletableFuture.completedFuture(rows.putIfAbsent(r.orgId() + "/" + r.id(), r) == null);
    }

    @Override
    public CompletionStage<Boolean> update(IntegrationRecord r) {
        check();
        return CompletableFuture.completedFuture(rows.replace(r.orgId() + "/" + r.id(), r) != null);
    }

    @Override
    public CompletionStage<Boolean> delete(String orgId, String id) {
        check();
        return CompletableFuture.completedFuture(rows.remove(orgId + "/" + id) != null);
    }

    @Override
    public long countEnabled() {
        check();
        return rows.values().stream().filter(IntegrationRecord::enabled).count();
    }
}
