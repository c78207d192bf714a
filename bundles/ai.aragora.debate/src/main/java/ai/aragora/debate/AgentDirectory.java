package ai.aragora.debate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import ai.aragora.api.agent.Agent;
import ai.aragora.api.agent.AgentInfo;

/**
 * The live agents by name. Several services may offer one name while a bundle is replaced: the
 * highest service ranking answers, then the newest registration. A debate that finds its agent
 * gone waits for a successor of the same name for a grace period.
 */
final class AgentDirectory {

    private record Entry(Agent agent, int ranking, long serviceId) {
    }

    private final Scheduler scheduler;
    /** Best first; replaced, never mutated, so lookups need no lock. */
    private final ConcurrentHashMap<String, Entry[]> byName = new ConcurrentHashMap<>();
    /** Guarded by this directory. */
    private final Map<String, List<CompletableFuture<Agent>>> waiting = new HashMap<>();
    private volatile long departures;

    AgentDirectory(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    void add(Agent agent, Map<String, ?> properties) {
        String name = name(agent, properties);
        if (name == null) {
            return;
        }
        List<CompletableFuture<Agent>> woken;
        synchronized (this) {
            Entry entry = new Entry(agent, integer(properties.get("service.ranking")), longValue(properties.get("service.id")));
            Entry[] current = byName.getOrDefault(name, new Entry[0]);
            Entry[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = entry;
            Arrays.sort(next, (a, b) -> a.ranking != b.ranking ? Integer.compare(b.ranking, a.ranking)
                    : Long.compare(b.serviceId, a.serviceId));
            byName.put(name, next);
            woken = waiting.remove(name);
        }
        if (woken != null) {
            Agent best = current(name);
            woken.forEach(w -> w.complete(best));
        }
    }

    void remove(Agent agent) {
        synchronized (this) {
            if (unfile(agent) != null) {
                departures++;
            }
        }
    }

    /** A service whose properties changed is filed again; a new name is a departure from the old one. */
    void update(Agent agent, Map<String, ?> properties) {
        String before;
        synchronized (this) {
            before = unfile(agent);
            if (before != null && !before.equals(name(agent, properties))) {
                departures++;
            }
        }
        add(agent, properties);
    }

    /** Removes the agent's entry; the name it was filed under, or null. */
    private String unfile(Agent agent) {
        for (Map.Entry<String, Entry[]> e : byName.entrySet()) {
            Entry[] current = e.getValue();
            for (int i = 0; i < current.length; i++) {
                if (current[i].agent == agent) {
                    Entry[] next = new Entry[current.length - 1];
                    System.arraycopy(current, 0, next, 0, i);
                    System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                    if (next.length == 0) {
                        byName.remove(e.getKey());
                    } else {
                        byName.put(e.getKey(), next);
                    }
                    return e.getKey();
                }
            }
        }
        return null;
    }

    /** The agent answering to {@code name} now, or null. */
    Agent current(String name) {
        Entry[] entries = byName.get(name);
        return entries == null ? null : entries[0].agent;
    }

    /** Whether {@code agent} is still registered under {@code name}. */
    boolean isLive(String name, Agent agent) {
        Entry[] entries = byName.get(name);
        if (entries != null) {
            for (Entry e : entries) {
                if (e.agent == agent) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Increases whenever an agent service goes away: debates compare it with what they last saw. */
    long departures() {
        return departures;
    }

    Set<String> names() {
        return new TreeSet<>(byName.keySet());
    }

    /** Completes with the agent of that name as soon as one is registered, or with null after {@code graceNanos}. */
    CompletionStage<Agent> successor(String name, long graceNanos) {
        CompletableFuture<Agent> found = new CompletableFuture<>();
        synchronized (this) {
            Agent now = current(name);
            if (now != null) {
                found.complete(now);
                return found;
            }
            waiting.computeIfAbsent(name, k -> new ArrayList<>(2)).add(found);
        }
        Scheduler.Timer timer = scheduler.schedule(() -> {
            synchronized (this) {
                List<CompletableFuture<Agent>> list = waiting.get(name);
                if (list != null) {
                    list.remove(found);
                    if (list.isEmpty()) {
                        waiting.remove(name);
                    }
                }
            }
            found.complete(null);
        }, graceNanos);
        found.whenComplete((agent, failure) -> {
            if (agent != null) {
                timer.cancel();
            }
        });
        return found;
    }

    private static String name(Agent agent, Map<String, ?> properties) {
        Object property = properties.get(Agent.NAME);
        if (property instanceof String s && AgentInfo.isValidName(s)) {
            return s;
        }
        try {
            AgentInfo info = agent.info();
            return info == null ? null : info.name();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static int integer(Object value) {
        return value instanceof Integer i ? i : 0;
    }

    private static long longValue(Object value) {
        return value instanceof Long l ? l : 0;
    }
}
