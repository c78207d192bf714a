package ai.aragora.decisions;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import ai.aragora.api.agent.Agent;
import ai.aragora.api.cache.CacheStats;
import ai.aragora.api.cache.CacheTags;
import ai.aragora.api.cache.DecisionCache;
import ai.aragora.api.debate.ConsensusMode;
import ai.aragora.api.debate.ConsensusOutcome;
import ai.aragora.api.debate.DebateHandle;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateService;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.debate.Verdict;
import ai.aragora.api.storage.DecisionFeedback;
import ai.aragora.api.storage.DecisionResult;
import ai.aragora.api.storage.DecisionResultStore;
import ai.aragora.api.storage.Page;
import ai.aragora.api.webhook.Callbacks;
import ai.aragora.api.webhook.Destination;
import ai.aragora.api.webhook.OutboundPolicy;
import ai.aragora.api.webhook.RefusedDestinationException;

/** Small stand-ins for the services the router uses. */
final class Fakes {

    private Fakes() {
    }

    static RouterConfig config(int maxRunning) {
        return config(maxRunning, 15_000);
    }

    static RouterConfig config(int maxRunning, int leaseMillis) {
        Map<String, Object> values = Map.of("max_running", maxRunning, "low_aging_seconds", 60, "normal_aging_seconds", 30,
                "high_aging_seconds", 15, "timeout_seconds", 1800, "lease_ms", leaseMillis);
        return (RouterConfig) Proxy.newProxyInstance(RouterConfig.class.getClassLoader(), new Class<?>[] {RouterConfig.class},
                (self, method, args) -> values.get(method.getName()));
    }

    static Map<String, Object> agent(String name, String version) {
        return Map.of(Agent.NAME, name, Agent.VERSION, version);
    }

    /** The decision audit trail in memory. */
    static class Decisions implements DecisionResultStore {
        final Map<String, DecisionResult> all = new ConcurrentHashMap<>();
        final List<DecisionFeedback> feedback = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<Void> record(DecisionResult r) {
            all.putIfAbsent(r.id(), r);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Boolean> update(DecisionResult r) {
            return CompletableFuture.completedFuture(all.replace(r.id(), r) != null);
        }

        @Override
        public Optional<DecisionResult> find(String id) {
            return Optional.ofNullable(all.get(id));
        }

        @Override
        public Page<DecisionResult> list(String orgId, String status, String route, int offset, int limit) {
            List<DecisionResult> hits = all.values().stream().filter(d -> orgId == null || d.orgId().equals(orgId))
                    .filter(d -> status == null || d.status().equals(status)).filter(d -> route == null || d.route().equals(route))
                    .sorted(Comparator.comparing(DecisionResult::createdAt).reversed()).toList();
            return new Page<>(hits.subList(Math.min(offset, hits.size()), Math.min(offset + limit, hits.size())), hits.size(),
                    offset, limit);
        }

        @Override
        public Page<DecisionResult> list(String workspaceId, Instant since, int offset, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<DecisionResult> latest(String requestKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<Void> feedback(DecisionFeedback f) {
            feedback.add(f);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public List<DecisionFeedback> feedbackOn(String decisionId) {
            return feedback.stream().filter(f -> f.decisionId().equals(decisionId)).toList();
        }

        @Override
        public CompletionStage<Integer> deleteBefore(Instant cutoff) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<DecisionResult> before(Instant cutoff, int limit) {
            throw new UnsupportedOperationException();
        }
    }

    /** An engine whose debates end when the test says so. */
    static class Engine implements DebateService {
        final List<Handle> started = new CopyOnWriteArrayList<>();
        final List<String> cancelled = new CopyOnWriteArrayList<>();
        int capacity = Integer.MAX_VALUE;
        /** When set, every debate decides this at once. */
        String autoAnswer;

        @Override
        public DebateHandle start(DebateSpec spec) {
            if (started.size() - finished() >= capacity) {
                throw new IllegalStateException("the engine is at capacity");
            }
            Handle h = new Handle("deb-" + started.size(), spec);
            started.add(h);
            if (autoAnswer != null) {
                h.decide(autoAnswer, null);
            }
            return h;
        }

        private long finished() {
            return started.stream().filter(h -> h.result.isDone()).count();
        }

        @Override
        public Optional<DebateHandle> running(String id) {
            return started.stream().filter(h -> h.id.equals(id) && !h.result.isDone()).map(h -> (DebateHandle) h).findFirst();
        }

        @Override
        public boolean cancel(String id) {
            cancelled.add(id);
            running(id).ifPresent(h -> ((Handle) h).end(DebateStatus.CANCELLED, null, null));
            return true;
        }

        @Override
        public Collection<DebateHandle> active() {
            return List.copyOf(started);
        }

        @Override
        public boolean accepts(String agent) {
            return true;
        }

        Handle last() {
            return started.get(started.size() - 1);
        }
    }

    static final class Handle implements DebateHandle {
        final String id;
        final DebateSpec spec;
        final CompletableFuture<DebateResult> result = new CompletableFuture<>();

        Handle(String id, DebateSpec spec) {
            this.id = id;
            this.spec = spec;
        }

        /** Stops unfinished, as an engine that is shutting down leaves a debate to be resumed elsewhere. */
        void handOver() {
            result.completeExceptionally(new ai.aragora.api.debate.DebateHandedOver(id));
        }

        /** Decides for the first agent. */
        void decide(String answer, String receiptId) {
            end(DebateStatus.CONSENSUS_REACHED, answer, receiptId);
        }

        void end(DebateStatus status, String answer, String receiptId) {
            String winner = answer == null ? null : spec.agents().get(0);
            ConsensusOutcome consensus = answer == null ? null
                    : new ConsensusOutcome(true, 0.8, spec.agents(), List.of(), ConsensusMode.MAJORITY, winner);
            result.complete(new DebateResult(id, spec, status, answer, consensus, answer == null ? null : Verdict.APPROVED, 1,
                    0.1, List.of(), winner, List.of(), List.of(), List.of(), List.of(), null, null, 0, List.of(), null,
                    Instant.now(), Instant.now(), receiptId));
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public DebateSpec spec() {
            return spec;
        }

        @Override
        public DebateStatus status() {
            return result.isDone() ? result.join().status() : DebateStatus.RUNNING;
        }

        @Override
        public CompletionStage<Void> stored() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<DebateResult> result() {
            return result;
        }
    }

    /** A cache without bounds or time: what was put stays until invalidated. */
    static final class Cache implements DecisionCache {
        final Map<String, Object> values = new HashMap<>();
        final Map<String, CacheTags> tags = new HashMap<>();
        String policy = "1";
        int statsRead;
        long hits;
        long misses;

        @Override
        public synchronized <T> Optional<T> get(String key, Class<T> type) {
            Object v = values.get(key);
            if (v == null) {
                misses++;
                return Optional.empty();
            }
            hits++;
            return Optional.of(type.cast(v));
        }

        @Override
        public synchronized void put(String key, Object value, CacheTags t) {
            values.put(key, value);
            tags.put(key, t);
        }

        @Override
        public synchronized int invalidateWorkspace(String workspace) {
            return drop(t -> t.workspace().equals(workspace));
        }

        @Override
        public synchronized int invalidateTag(String tag) {
            return drop(t -> t.tags().contains(tag));
        }

        @Override
        public synchronized int invalidateAgentVersion(String agent, String version) {
            return drop(t -> version.equals(t.agentVersions().get(agent)));
        }

        @Override
        public synchronized void changePolicyVersion(String version) {
            policy = version;
        }

        @Override
        public synchronized int invalidateAll() {
            return drop(t -> true);
        }

        private int drop(java.util.function.Predicate<CacheTags> which) {
            List<String> keys = new ArrayList<>();
            tags.forEach((k, t) -> {
                if (which.test(t)) {
                    keys.add(k);
                }
            });
            keys.forEach(k -> {
                values.remove(k);
                tags.remove(k);
            });
            return keys.size();
        }

        @Override
        public synchronized String policyVersion() {
            return policy;
        }

        @Override
        public synchronized CacheStats stats() {
            statsRead++;
            return new CacheStats(hits, misses, values.size(), 1000, Duration.ofHours(1), policy, Map.of());
        }
    }

    /** Outbound rules that refuse anything but https://hooks.example.test, and deliveries kept in a list. */
    static final class Outbound implements OutboundPolicy, Callbacks {
        final List<Map<String, Object>> delivered = new CopyOnWriteArrayList<>();

        @Override
        public URI check(String url) {
            if (!url.startsWith("https://hooks.example.test/")) {
                throw new RefusedDestinationException("only https://hooks.example.test/ may be called in this test, not " + url);
            }
            return URI.create(url);
        }

        @Override
        public Destination resolve(String url) {
            return new Destination(check(url), List.of(InetAddress.getLoopbackAddress()));
        }

        @Override
        public CompletionStage<String> enqueue(String orgId, URI url, String eventType, Map<String, Object> data) {
            Map<String, Object> d = new HashMap<>(data);
            d.put("org", orgId);
            d.put("url", url.toString());
            d.put("event", eventType);
            delivered.add(d);
            return CompletableFuture.completedFuture("dl-" + delivered.size());
        }
    }
}
