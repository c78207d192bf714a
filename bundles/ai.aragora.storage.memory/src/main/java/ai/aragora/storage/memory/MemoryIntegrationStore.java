package ai.aragora.storage.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.osgi.service.component.annotations.Component;

import ai.aragora.api.crypto.EncryptedFieldSource;
import ai.aragora.api.crypto.FieldContext;
import ai.aragora.api.crypto.StoredField;
import ai.aragora.api.storage.IntegrationRecord;
import ai.aragora.api.storage.IntegrationStore;
import ai.aragora.api.storage.Page;

/**
 * Integrations in memory, for the memory storage mode: the same contract as the SQL store,
 * credentials kept exactly as the caller sealed them. As the encrypted field source of the same
 * name as the SQL store's, {@code encryption status} and re-sealing see them too; a field is
 * replaced only while it still holds what was read.
 */
@Component(service = {IntegrationStore.class, EncryptedFieldSource.class},
        property = EncryptedFieldSource.NAME + "=" + IntegrationStore.FIELD_SOURCE)
public class MemoryIntegrationStore implements IntegrationStore, EncryptedFieldSource {

    /** Ordered by org, then id, as {@link #list} and {@link #fields} walk them. */
    private record Key(String orgId, String id) implements Comparable<Key> {

        private static final Comparator<Key> ORDER = Comparator.comparing(Key::orgId).thenComparing(Key::id);

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }

        /** An opaque cursor: the org's length first, so any org and id fit. */
        String cursor() {
            return orgId.length() + ":" + orgId + id;
        }

        static Key parse(String cursor) {
            int colon = cursor.indexOf(':');
            try {
                int length = Integer.parseInt(cursor.substring(0, colon));
                return new Key(cursor.substring(colon + 1, colon + 1 + length), cursor.substring(colon + 1 + length));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a cursor of " + FIELD_SOURCE);
            }
        }
    }

    private final ConcurrentNavigableMap<Key, IntegrationRecord> records = new ConcurrentSkipListMap<>();

    @Override
    public Optional<IntegrationRecord> find(String orgId, String id) {
        return Optional.ofNullable(records.get(new Key(orgId, id)));
    }

    @Override
    public Page<IntegrationRecord> list(String orgId, String type, Boolean enabled, int offset, int limit) {
        List<IntegrationRecord> matching = records.values().stream()
                .filter(r -> orgId == null || r.orgId().equals(orgId))
                .filter(r -> type == null || r.type().equals(type))
                .filter(r -> enabled == null || r.enabled() == enabled)
                .toList();
        int from = Math.min(Math.max(0, offset), matching.size());
        int to = Math.min(matching.size(), from + Math.max(0, limit));
        return new Page<>(matching.subList(from, to), matching.size(), offset, limit);
    }

    @Override
    public CompletionStage<Boolean> create(IntegrationRecord record) {
        return done(records.putIfAbsent(new Key(record.orgId(), record.id()), record) == null);
    }

    @Override
    public CompletionStage<Boolean> update(IntegrationRecord record) {
        Key key = new Key(record.orgId(), record.id());
        boolean[] replaced = {false};
        records.computeIfPresent(key, (k, before) -> {
            replaced[0] = true;
            return new IntegrationRecord(record.orgId(), record.id(), record.type(), record.name(), record.enabled(),
                    record.settings(), record.credentials(), before.createdAt(), record.updatedAt());
        });
        return done(replaced[0]);
    }

    @Override
    public CompletionStage<Boolean> delete(String orgId, String id) {
        return done(records.remove(new Key(orgId, id)) != null);
    }

    @Override
    public long countEnabled() {
        return records.values().stream().filter(IntegrationRecord::enabled).count();
    }

    @Override
    public String name() {
        return FIELD_SOURCE;
    }

    @Override
    public Batch fields(String cursor, int records) {
        int max = Math.max(1, records);
        var after = cursor == null ? this.records : this.records.tailMap(Key.parse(cursor), false);
        List<StoredField> fields = new ArrayList<>();
        Key last = null;
        int seen = 0;
        for (Map.Entry<Key, IntegrationRecord> e : after.entrySet()) {
            if (seen++ == max) {
                break;
            }
            last = e.getKey();
            IntegrationRecord r = e.getValue();
            r.credentials().forEach((field, stored) -> fields.add(
                    new StoredField(IntegrationRecord.credential(r.orgId(), r.id(), field), stored, e.getKey().cursor())));
        }
        return new Batch(fields, seen > max ? last.cursor() : null);
    }

    @Override
    public int replace(List<Reseal> reseals) {
        Map<String, List<Reseal>> byRecord = new LinkedHashMap<>();
        reseals.forEach(r -> byRecord.computeIfAbsent(r.field().record(), k -> new ArrayList<>()).add(r));
        int replaced = 0;
        for (Map.Entry<String, List<Reseal>> e : byRecord.entrySet()) {
            int[] swapped = {0};
            records.computeIfPresent(Key.parse(e.getKey()), (k, before) -> {
                Map<String, Object> credentials = new HashMap<>(before.credentials());
                for (Reseal r : e.getValue()) {
                    FieldContext context = r.field().context();
                    if (Objects.equals(credentials.get(context.field()), r.field().stored())) {
                        credentials.put(context.field(), r.envelope().toMap());
                        swapped[0]++;
                    }
                }
                return swapped[0] == 0 ? before : new IntegrationRecord(before.orgId(), before.id(), before.type(),
                        before.name(), before.enabled(), before.settings(), credentials, before.createdAt(), before.updatedAt());
            });
            replaced += swapped[0];
        }
        return replaced;
    }

    private static CompletionStage<Boolean> done(boolean value) {
        return CompletableFuture.completedFuture(value).minimalCompletionStage();
    }
}
