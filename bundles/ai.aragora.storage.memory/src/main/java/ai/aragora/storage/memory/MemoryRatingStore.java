package ai.aragora.storage.memory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;

import ai.aragora.api.rating.Rating;
import ai.aragora.api.rating.RatingChange;
import ai.aragora.api.storage.Prediction;
import ai.aragora.api.storage.RatingStore;

/** Ratings in memory; history and predictions are bounded per agent, newest kept. */
@Component(service = RatingStore.class, configurationPid = MemoryStorageConfig.PID)
public class MemoryRatingStore implements RatingStore {

    private static final CompletionStage<Void> DONE = CompletableFuture.<Void>completedFuture(null).minimalCompletionStage();
    private static final Comparator<Rating> BEST_FIRST =
            Comparator.comparingDouble(Rating::elo).reversed().thenComparing(Rating::agent);

    /** domain, then agent. */
    private final Map<String, Map<String, Rating>> ratings = new ConcurrentHashMap<>();
    /** Guarded by this store; newest last. */
    private final Map<String, ArrayDeque<RatingChange>> history = new ConcurrentHashMap<>();
    /** Guarded by this store; oldest first. */
    private final Map<String, ArrayDeque<Prediction>> predictions = new ConcurrentHashMap<>();
    private volatile int maxHistory;
    private volatile int maxPredictions;

    @Activate
    public MemoryRatingStore(MemoryStorageConfig config) {
        this(config.max_history(), config.max_predictions());
    }

    MemoryRatingStore(int maxHistory, int maxPredictions) {
        this.maxHistory = Math.max(1, maxHistory);
        this.maxPredictions = Math.max(1, maxPredictions);
    }

    /** New bounds apply from the next match recorded. */
    @Modified
    void modified(MemoryStorageConfig config) {
        maxHistory = Math.max(1, config.max_history());
        maxPredictions = Math.max(1, config.max_predictions());
    }

    @Override
    public Optional<Rating> find(String agent, String domain) {
        Map<String, Rating> byAgent = ratings.get(domain);
        return byAgent == null ? Optional.empty() : Optional.ofNullable(byAgent.get(agent));
    }

    @Override
    public List<Rating> top(String domain, int limit) {
        Map<String, Rating> byAgent = ratings.get(domain);
        if (byAgent == null || limit <= 0) {
            return List.of();
        }
        List<Rating> all = new ArrayList<>(byAgent.values());
        all.sort(BEST_FIRST);
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }

    @Override
    public synchronized CompletionStage<Void> recordMatch(String debateId, List<Rating> updated, List<RatingChange> changes,
            List<Prediction> made) {
        for (Rating r : updated) {
            ratings.computeIfAbsent(r.domain(), d -> new ConcurrentHashMap<>()).put(r.agent(), r);
        }
        for (RatingChange c : changes) {
            bounded(history.computeIfAbsent(c.agent(), a -> new ArrayDeque<>()), c, maxHistory);
        }
        for (Prediction p : made) {
            bounded(predictions.computeIfAbsent(p.agent(), a -> new ArrayDeque<>()), p, maxPredictions);
        }
        return DONE;
    }

    @Override
    public synchronized List<RatingChange> history(String agent, int limit) {
        ArrayDeque<RatingChange> changes = history.get(agent);
        if (changes == null || limit <= 0) {
            return List.of();
        }
        List<RatingChange> newestFirst = new ArrayList<>(Math.min(limit, changes.size()));
        Iterator<RatingChange> it = changes.descendingIterator();
        while (it.hasNext() && newestFirst.size() < limit) {
            newestFirst.add(it.next());
        }
        return List.copyOf(newestFirst);
    }

    @Override
    public synchronized List<Prediction> predictions(String agent) {
        ArrayDeque<Prediction> made = predictions.get(agent);
        return made == null ? List.of() : List.copyOf(made);
    }

    private static <T> void bounded(ArrayDeque<T> deque, T item, int max) {
        deque.addLast(item);
        while (deque.size() > max) {
            deque.removeFirst();
        }
    }
}
