package ai.aragora.stream;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.storage.DebateRecord;
import ai.aragora.api.storage.DebateStore;
import ai.aragora.api.storage.Page;

/** The part of a shared debate store the stream reads: debates, and their events in order. */
final class FakeStore {

    final Map<String, DebateRecord> debates = new ConcurrentHashMap<>();
    final Map<String, List<DebateEvent>> events = new ConcurrentHashMap<>();

    void create(String id, String org) {
        Instant now = Instant.now();
        debates.put(id, new DebateRecord(id, DebateSpec.builder("task").orgId(org).build(), "u1", DebateStatus.RUNNING, 0, false,
                now, now));
    }

    void append(DebateEvent event) {
        events.computeIfAbsent(event.debateId(), k -> new CopyOnWriteArrayList<>()).add(event);
    }

    DebateStore store() {
        return (DebateStore) Proxy.newProxyInstance(FakeStore.class.getClassLoader(), new Class<?>[] {DebateStore.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "find" -> Optional.ofNullable(debates.get((String) args[0]));
                    case "messages" -> new Page<>(List.of(), 0, 0, (int) args[2]);
                    case "events" -> after((String) args[0], (long) args[1], (int) args[2]);
                    case "changedSince" -> debates.values().stream()
                            .filter(d -> (args[0] == null || args[0].equals(d.orgId())) && !d.updatedAt().isBefore((Instant) args[1]))
                            .sorted(java.util.Comparator.comparing(DebateRecord::updatedAt)).limit((int) args[2]).toList();
                    case "lastEventSeq" -> {
                        List<DebateEvent> all = events.getOrDefault((String) args[0], List.of());
                        yield all.isEmpty() ? 0L : all.get(all.size() - 1).seq();
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private List<DebateEvent> after(String id, long seq, int limit) {
        List<DebateEvent> out = new ArrayList<>();
        for (DebateEvent e : events.getOrDefault(id, List.of())) {
            if (e.seq() > seq && out.size() < limit) {
                out.add(e);
            }
        }
        return out;
    }
}
