package ai.aragora.decisions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import ai.aragora.api.storage.DecisionResult;

/** How many decisions ended, by type, status and whether the cache answered them. */
final class Endings {

    private final ConcurrentHashMap<List<String>, LongAdder> counts = new ConcurrentHashMap<>();

    void count(DecisionResult ended) {
        counts.computeIfAbsent(List.of(ended.route(), ended.status(), Boolean.toString(ended.cached())), k -> new LongAdder())
                .increment();
    }

    /** Label values (type, status, cached) to counts. */
    Map<List<String>, Long> snapshot() {
        Map<List<String>, Long> snapshot = new LinkedHashMap<>();
        counts.forEach((labels, count) -> snapshot.put(labels, count.sum()));
        return snapshot;
    }
}
