package ai.aragora.api.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An unmodifiable map of a few entries in one array of keys and values, in insertion order.
 * Event data is kept for a debate's whole life (the in-memory store replays it): a five-entry
 * {@code Map.copyOf} is a 32-byte map and a 96-byte hash table, this is 24 bytes (with
 * {@code AbstractMap}'s two view fields) and a 56-byte array (decision 0014, 2026-12-07 (night)).
 * Lookups scan, which is as fast as hashing at this size. Numbers that are common (see
 * {@link CommonDoubles}) share one box.
 */
public final class SmallMap<K, V> extends AbstractMap<K, V> {

    /** Beyond this many entries a hash table is used. */
    static final int MAX = 8;

    private final Object[] keysAndValues;

    private SmallMap(Object[] keysAndValues) {
        this.keysAndValues = keysAndValues;
    }

    /**
     * An unmodifiable copy, rejecting null keys and values as {@link Map#copyOf} does; a map of
     * more than {@link #MAX} entries is {@code Map.copyOf}'s.
     */
    @SuppressWarnings("unchecked")
    public static <K, V> Map<K, V> copyOf(Map<? extends K, ? extends V> map) {
        if (map instanceof SmallMap) {
            return (Map<K, V>) map;
        }
        int size = map.size();
        if (size == 0) {
            return Map.of();
        }
        if (size > MAX) {
            return Map.copyOf(map);
        }
        Object[] kv = new Object[2 * size];
        int i = 0;
        for (Map.Entry<? extends K, ? extends V> e : map.entrySet()) {
            if (i == kv.length) {
                throw new IllegalArgumentException("the map grew while it was copied");
            }
            kv[i++] = Objects.requireNonNull(e.getKey());
            kv[i++] = CommonDoubles.canonical((Object) Objects.requireNonNull(e.getValue()));
        }
        if (i != kv.length) {
            throw new IllegalArgumentException("the map shrank while it was copied");
        }
        return new SmallMap<>(kv);
    }

    /**
     * An unmodifiable map of alternating keys and values, in that order, rejecting null keys and
     * values and a repeated key as {@link Map#of} does; more than {@link #MAX} entries are
     * {@code Map.copyOf}'s.
     */
    public static <K, V> Map<K, V> of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs, got " + keysAndValues.length + " items");
        }
        if (keysAndValues.length == 0) {
            return Map.of();
        }
        Object[] kv = new Object[keysAndValues.length];
        for (int i = 0; i < kv.length; i += 2) {
            Object key = Objects.requireNonNull(keysAndValues[i]);
            for (int j = 0; j < i; j += 2) {
                if (key.equals(kv[j])) {
                    throw new IllegalArgumentException("duplicate key: " + key);
                }
            }
            kv[i] = key;
            kv[i + 1] = CommonDoubles.canonical(Objects.requireNonNull(keysAndValues[i + 1]));
        }
        SmallMap<K, V> map = new SmallMap<>(kv);
        return kv.length > 2 * MAX ? Map.copyOf(map) : map;
    }

    @Override
    public int size() {
        return keysAndValues.length / 2;
    }

    @Override
    public boolean containsKey(Object key) {
        return index(key) >= 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        int i = index(key);
        return i < 0 ? null : (V) keysAndValues[i + 1];
    }

    private int index(Object key) {
        if (key == null) {
            return -1;
        }
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (key.equals(keysAndValues[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return SmallMap.this.size();
            }

            @Override
            public Iterator<Map.Entry<K, V>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keysAndValues.length;
                    }

                    @Override
                    @SuppressWarnings("unchecked")
                    public Map.Entry<K, V> next() {
                        if (next >= keysAndValues.length) {
                            throw new NoSuchElementException();
                        }
                        Map.Entry<K, V> e = Map.entry((K) keysAndValues[next], (V) keysAndValues[next + 1]);
                        next += 2;
                        return e;
                    }
                };
            }
        };
    }
}
