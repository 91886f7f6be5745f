package io.taskledger.infra.axon;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;

import java.lang.reflect.Field;
import java.util.Objects;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Axon's aggregate cache on Caffeine, holding the most recently used aggregates up to a fixed count. Axon's own
 * {@code WeakReferenceCache} loses its entries at every garbage collection, which under load means nearly every
 * command reloaded its project anyway (measured in docs/benchmarks.md).
 */
public final class BoundedAggregateCache implements Cache {

    /**
     * The version an entry was cached at. Axon keeps it private in {@link AggregateCacheEntry}; read here so that a
     * node can tell whether its cached aggregate is still the stored one. Resolved once: if an Axon upgrade renamed
     * it, the server fails at start, not later.
     */
    private static final Field CACHED_VERSION = cachedVersionField();

    private final ConcurrentMap<Object, Object> entries;

    public BoundedAggregateCache(long maximumSize) {
        // Eviction runs in the thread that adds an entry: cheap, and the bound holds as soon as put returns.
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).executor(Runnable::run).build().asMap();
    }

    /**
     * Forgets the aggregate unless its cached version is {@code storedVersion} (the sequence number of its last stored
     * event; null when it has none): another node has moved it on, and the next load reads it from the store.
     *
     * @return whether an entry was forgotten
     */
    public boolean evictUnlessAt(String aggregateId, Long storedVersion) {
        Object entry = entries.get(aggregateId);
        if (entry == null || Objects.equals(cachedVersion(entry), storedVersion)) {
            return false;
        }
        return entries.remove(aggregateId, entry);
    }

    static Long cachedVersion(Object entry) {
        if (!(entry instanceof AggregateCacheEntry<?>)) {
            return null;
        }
        try {
            return (Long) CACHED_VERSION.get(entry);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field cachedVersionField() {
        try {
            Field version = AggregateCacheEntry.class.getDeclaredField("version");
            version.setAccessible(true);
            return version;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Axon's AggregateCacheEntry no longer holds a 'version'", e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) entries.get(key);
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.putIfAbsent(key, value) == null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) entries.computeIfAbsent(key, absent -> valueSupplier.get());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.computeIfPresent(key, (present, value) -> update.apply((V) value));
    }

    @Override
    public boolean remove(Object key) {
        return entries.remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.clear();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    /** Nothing in Taskledger listens to cache entries; Axon's repositories do not either. */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("the aggregate cache takes no entry listeners");
    }
}
