package ai.aragora.storage.jdbc;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ai.aragora.api.knowledge.DebateSchedule;
import ai.aragora.api.knowledge.DebateSchedules;

/**
 * Pulse schedules in a map, for tests of what uses them: per org, and claimed as the stores claim
 * them (due and enabled, the next run moved an interval past now). {@code KnowledgeStoreContract}
 * holds the stores themselves to the same rules.
 */
public final class MapDebateSchedules implements DebateSchedules {

    public final Map<String, DebateSchedule> byId = new LinkedHashMap<>();

    @Override
    public void create(DebateSchedule s) {
        byId.put(s.id(), s);
    }

    @Override
    public Optional<DebateSchedule> find(String orgId, String id) {
        return Optional.ofNullable(byId.get(id)).filter(s -> s.orgId().equals(orgId));
    }

    @Override
    public List<DebateSchedule> list(String orgId) {
        return byId.values().stream().filter(s -> s.orgId().equals(orgId)).toList();
    }

    @Override
    public boolean update(String orgId, String id, boolean enabled, Instant nextRun) {
        return find(orgId, id).map(s -> byId.put(id, new DebateSchedule(s.id(), s.topic(), s.spec(), s.every(), enabled,
                nextRun == null ? s.nextRun() : nextRun, s.lastRun(), s.lastDebateId(), s.lastError(), s.runs(), s.createdBy(),
                s.createdAt()))).isPresent();
    }

    @Override
    public boolean delete(String orgId, String id) {
        return find(orgId, id).map(s -> byId.remove(id)).isPresent();
    }

    @Override
    public List<DebateSchedule> claimDue(Instant now, int limit) {
        List<DebateSchedule> due = byId.values().stream().filter(s -> s.enabled() && !s.nextRun().isAfter(now)).limit(limit).toList();
        due.forEach(s -> byId.put(s.id(), with(s, now.plus(s.every()), s.lastRun(), s.lastDebateId(), s.lastError(), s.runs())));
        return due;
    }

    @Override
    public void ran(String id, Instant at, String debateId, String error, Instant retryAt) {
        DebateSchedule s = byId.get(id);
        byId.put(id, with(s, retryAt != null ? retryAt : s.nextRun(), at, debateId != null ? debateId : s.lastDebateId(), error,
                s.runs() + (debateId == null ? 0 : 1)));
    }

    private static DebateSchedule with(DebateSchedule s, Instant next, Instant last, String debate, String error, int runs) {
        return new DebateSchedule(s.id(), s.topic(), s.spec(), s.every(), s.enabled(), next, last, debate, error, runs, s.createdBy(),
                s.createdAt());
    }
}
